package io.devsanctum.auth.model;

import java.util.UUID;

/** Who sent a request, as the gateway verified it from an access token or API token. */
public record Caller(UUID userId, Role role) {

  public boolean isAdmin() {
    return role == Role.ADMIN;
  }
}
