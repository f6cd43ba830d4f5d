package io.devsanctum.auth.model;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A person who can sign in. The password hash never leaves the auth-service.
 * {@code passwordMustChange}: the password is a one-time one from an admin's reset, to be replaced
 * before anything else is done.
 */
public record User(
    UUID id,
    String email,
    String username,
    String displayName,
    Role role,
    UserStatus status,
    String passwordHash,
    OffsetDateTime createdAt,
    boolean passwordMustChange) {

  /** A user as created: with a password of their own (or none). */
  public User(UUID id, String email, String username, String displayName, Role role, UserStatus status,
      String passwordHash, OffsetDateTime createdAt) {
    this(id, email, username, displayName, role, status, passwordHash, createdAt, false);
  }

  public boolean isActive() {
    return status == UserStatus.ACTIVE;
  }
}
