package io.devsanctum.common.contract.audit;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.bus.Nullable;
import io.devsanctum.common.bus.RequestOrigin;
import io.devsanctum.common.logging.RequestContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * One entry of the audit log: when, who, what to which target, what it changed, where the request
 * came from and how it ended. Its id is chosen where it is made, so writing it again (an outbox
 * drained twice) stores it once.
 */
public record AuditRecord(UUID id, OffsetDateTime occurredAt, AuditActor actor, AuditAction action,
    AuditTarget target, AuditChange change, @Nullable String clientAddress, @Nullable String userAgent,
    @Nullable String requestId, AuditResult result) {

  public AuditRecord {
    clientAddress = AuditText.storable(clientAddress);
    userAgent = AuditText.storable(userAgent);
    requestId = AuditText.storable(requestId);
  }

  /** A success done by {@code caller}, from the current request ({@link RequestContext#origin()}). */
  public static AuditRecord success(Caller caller, AuditAction action, UUID targetId, String targetName,
      AuditChange change) {
    return of(AuditActor.of(caller), action, new AuditTarget(action.targetType(), targetId, targetName), change,
        AuditResult.SUCCESS);
  }

  /** A record made now, in the current request. */
  public static AuditRecord of(AuditActor actor, AuditAction action, AuditTarget target, AuditChange change,
      AuditResult result) {
    RequestOrigin origin = RequestContext.origin();
    return new AuditRecord(UUID.randomUUID(), OffsetDateTime.now(ZoneOffset.UTC), actor, action, target, change,
        origin.clientAddress(), origin.userAgent(), origin.requestId(), result);
  }
}
