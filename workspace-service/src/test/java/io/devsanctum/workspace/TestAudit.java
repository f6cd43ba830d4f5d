package io.devsanctum.workspace;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.contract.audit.AuditAction;
import io.devsanctum.common.contract.audit.AuditChange;
import io.devsanctum.common.contract.audit.AuditRecord;
import java.util.UUID;

/** The audit record a test's direct repository write stores with its change. */
public final class TestAudit {

  private TestAudit() {
  }

  public static AuditRecord of(AuditAction action, UUID targetId) {
    return AuditRecord.success(Caller.service("test"), action, targetId, "test", AuditChange.NONE);
  }
}
