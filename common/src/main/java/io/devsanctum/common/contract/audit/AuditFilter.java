package io.devsanctum.common.contract.audit;

import io.devsanctum.common.bus.Nullable;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Which records a reading of the audit log shows; null fields: any. {@code actor} is a user's id,
 * {@code actorName} a username or the part of DevSanctum that acted; {@code from} is inclusive,
 * {@code to} exclusive.
 */
public record AuditFilter(@Nullable UUID actor, @Nullable String actorName, @Nullable AuditAction action,
    @Nullable AuditTargetType targetType, @Nullable UUID targetId, @Nullable Boolean success,
    @Nullable OffsetDateTime from, @Nullable OffsetDateTime to) {

  public static final AuditFilter ALL = new AuditFilter(null, null, null, null, null, null, null, null);
}
