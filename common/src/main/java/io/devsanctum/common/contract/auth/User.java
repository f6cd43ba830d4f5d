package io.devsanctum.common.contract.auth;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A person who can sign in, as others see them (never with a password hash).
 *
 * @param passwordChangeRequired their password is a one-time one from an admin's reset: changing it
 *                               is all they may do until they have
 */
public record User(UUID id, String email, String username, String displayName, Role role, UserStatus status,
    boolean passwordChangeRequired, OffsetDateTime createdAt) {
}
