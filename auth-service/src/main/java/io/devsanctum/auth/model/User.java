package io.devsanctum.auth.model;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A person who can sign in. The password hash never leaves the auth-service. */
public record User(
    UUID id,
    String email,
    String username,
    String displayName,
    Role role,
    UserStatus status,
    String passwordHash,
    OffsetDateTime createdAt) {

  public boolean isActive() {
    return status == UserStatus.ACTIVE;
  }
}
