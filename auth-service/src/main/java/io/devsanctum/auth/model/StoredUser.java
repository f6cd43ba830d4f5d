package io.devsanctum.auth.model;

import io.devsanctum.common.authz.Scope;
import io.devsanctum.common.contract.auth.Identity;
import io.devsanctum.common.contract.auth.Role;
import io.devsanctum.common.contract.auth.User;
import io.devsanctum.common.contract.auth.UserStatus;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

/**
 * A person who can sign in, as auth-service stores them. The password hash never leaves the
 * auth-service: others see {@link #profile()}.
 * {@code passwordMustChange}: the password is a one-time one from an admin's reset, to be replaced
 * before anything else is done.
 */
public record StoredUser(
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
  public StoredUser(UUID id, String email, String username, String displayName, Role role, UserStatus status,
      String passwordHash, OffsetDateTime createdAt) {
    this(id, email, username, displayName, role, status, passwordHash, createdAt, false);
  }

  public boolean isActive() {
    return status == UserStatus.ACTIVE;
  }

  /** The user as others see them. */
  public User profile() {
    return new User(id, email, username, displayName, role, status, passwordMustChange, createdAt);
  }

  /** Who they are to the services that act on their behalf, signed in (their role's full rights). */
  public Identity identity() {
    return identity(Scope.full());
  }

  /** Who they are through a credential that holds only {@code scopes}. */
  public Identity identity(Set<Scope> scopes) {
    return new Identity(id, role, username, passwordMustChange, scopes);
  }
}
