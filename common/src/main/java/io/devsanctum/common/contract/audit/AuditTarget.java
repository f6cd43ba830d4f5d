package io.devsanctum.common.contract.audit;

import io.devsanctum.common.bus.Nullable;
import java.util.UUID;

/** What it was done to: its kind, its id and its name (either may be unknown for a refusal). */
public record AuditTarget(AuditTargetType type, @Nullable UUID id, @Nullable String name) {

  public AuditTarget {
    name = AuditText.storable(name);
  }
}
