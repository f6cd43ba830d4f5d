package io.devsanctum.provisioner.model;

import java.util.List;

/** A workspace's container: whether it exists and runs, and its apps' upstream URLs. */
public record WorkspaceStatus(boolean exists, boolean running, Long exitCode, String containerId,
    List<PublishedApp> apps) {

  public static WorkspaceStatus absent() {
    return new WorkspaceStatus(false, false, null, null, List.of());
  }
}
