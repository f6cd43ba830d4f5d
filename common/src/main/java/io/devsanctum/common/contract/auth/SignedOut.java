package io.devsanctum.common.contract.auth;

import io.devsanctum.common.bus.Nullable;

/**
 * A sign-in that has ended here.
 *
 * @param providerSignOutUrl where to send the browser to end the session at the provider it came
 *                           through as well (OpenID Connect RP-initiated logout), for providers
 *                           configured so; null otherwise
 */
public record SignedOut(@Nullable String providerSignOutUrl) {

  public static final SignedOut HERE_ONLY = new SignedOut(null);
}
