package io.devsanctum.common.contract.auth;

import io.devsanctum.common.bus.Nullable;

/**
 * One way a user signs in: their password ({@link #PASSWORD}), or an identity at a provider.
 *
 * @param provider the provider's id, "password", or null for an identity at an issuer this server is
 *                 no longer configured for
 * @param name     what to call it: the provider's name, "Password", or that issuer
 */
public record SignInMethod(@Nullable String provider, String name) {

  public static final SignInMethod PASSWORD = new SignInMethod("password", "Password");
}
