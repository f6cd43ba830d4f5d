package io.devsanctum.common.contract.auth;

import io.devsanctum.common.bus.Nullable;
import java.time.Instant;

/**
 * What a sign-in or refresh hands to the client: a short-lived access token and a refresh token;
 * after a password sign-in also a device token ({@code deviceToken}, else null) that marks the
 * client as one that has known the password (see the sign-in limits).
 */
public record Session(
    User user,
    String accessToken,
    Instant accessTokenExpiresAt,
    String refreshToken,
    Instant refreshTokenExpiresAt,
    @Nullable String deviceToken) {

  public Session withDeviceToken(String token) {
    return new Session(user, accessToken, accessTokenExpiresAt, refreshToken, refreshTokenExpiresAt, token);
  }

  @Override
  public String toString() {
    return "Session[user=" + user.id() + "]"; // never print the tokens
  }
}
