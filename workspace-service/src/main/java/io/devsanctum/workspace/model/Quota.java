package io.devsanctum.workspace.model;

import java.util.UUID;

/** Per-user limits; a null limit is unlimited. CPU and memory count running workspaces only. */
public record Quota(UUID userId, Integer maxWorkspaces, Integer maxCpuMillis, Integer maxMemoryMb) {

  public static Quota unlimited(UUID userId) {
    return new Quota(userId, null, null, null);
  }
}
