package io.devsanctum.auth.model;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A long-lived credential for automation; only its SHA-256 hash is stored. */
public record ApiToken(
    UUID id,
    UUID userId,
    String name,
    OffsetDateTime createdAt,
    OffsetDateTime lastUsedAt,
    OffsetDateTime expiresAt) {
}
