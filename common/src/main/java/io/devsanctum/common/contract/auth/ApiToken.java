package io.devsanctum.common.contract.auth;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.devsanctum.common.authz.Scope;
import io.devsanctum.common.bus.Nullable;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

/**
 * A long-lived credential for automation, good for its {@code scopes} only; only its SHA-256 hash is
 * stored, and its owner is not shown.
 */
public record ApiToken(
    UUID id,
    @JsonIgnore UUID userId,
    String name,
    Set<Scope> scopes,
    OffsetDateTime createdAt,
    @Nullable OffsetDateTime lastUsedAt,
    @Nullable OffsetDateTime expiresAt) {

  public ApiToken {
    scopes = Set.copyOf(scopes);
  }
}
