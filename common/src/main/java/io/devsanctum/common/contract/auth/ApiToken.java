package io.devsanctum.common.contract.auth;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.devsanctum.common.bus.Nullable;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A long-lived credential for automation; only its SHA-256 hash is stored, and its owner is not shown. */
public record ApiToken(
    UUID id,
    @JsonIgnore UUID userId,
    String name,
    OffsetDateTime createdAt,
    @Nullable OffsetDateTime lastUsedAt,
    @Nullable OffsetDateTime expiresAt) {
}
