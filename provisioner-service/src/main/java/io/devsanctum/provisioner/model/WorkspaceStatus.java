package io.devsanctum.provisioner.model;

import java.util.List;

/** A workspace's container: whether it exists and runs, and its apps' upstream URLs. */
/** @param templateVersionId the template version the container was created from (its label) */
public record WorkspaceStatus(boolean exists, boolean running, Long exitCode, String containerId,
    String templateVersionId, List<PublishedApp> apps) {

  public static WorkspaceStatus absent() {
    return new WorkspaceStatus(false, false, null, null, null, List.of());
  }
}
