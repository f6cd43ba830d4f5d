package io.devsanctum.auth.model;

import java.time.Instant;

/** A signed JWT and when it stops being accepted. */
public record AccessToken(String value, Instant expiresAt) {

  @Override
  public String toString() {
    return "AccessToken[expiresAt=" + expiresAt + "]"; // never print the value
  }
}
