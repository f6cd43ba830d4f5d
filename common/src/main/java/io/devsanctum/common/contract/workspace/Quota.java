package io.devsanctum.common.contract.workspace;

import io.devsanctum.common.bus.Nullable;
import java.util.UUID;

/** Per-user limits; a null limit is unlimited. CPU and memory count running workspaces only. */
public record Quota(UUID userId, @Nullable Integer maxWorkspaces, @Nullable Integer maxCpuMillis,
    @Nullable Integer maxMemoryMb) {

  public static Quota unlimited(UUID userId) {
    return new Quota(userId, null, null, null);
  }
}
