package io.devsanctum.common.contract.auth;

import io.devsanctum.common.bus.Nullable;

/**
 * A provider users may sign in with: its id in URLs ({@code github}, or an OpenID Connect
 * provider's configured id) and its name on the button.
 *
 * @param iconUrl   its button's image (a path on this server or a data: URL), or null
 * @param available whether it answered the last check; a sign-in through one that did not fails
 */
public record SignInProvider(String id, String name, @Nullable String iconUrl, boolean available) {
}
