package io.devsanctum.auth.model;

import java.time.Instant;

/** What a sign-in or refresh hands to the client: a short-lived access token and a refresh token. */
public record Session(
    User user,
    String accessToken,
    Instant accessTokenExpiresAt,
    String refreshToken,
    Instant refreshTokenExpiresAt) {

  @Override
  public String toString() {
    return "Session[user=" + user.id() + "]"; // never print the tokens
  }
}
