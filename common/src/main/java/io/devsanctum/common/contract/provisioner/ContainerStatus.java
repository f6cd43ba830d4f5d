package io.devsanctum.common.contract.provisioner;

import java.util.List;

/**
 * A workspace's container as its host reports it.
 *
 * @param exitCode the last exit code; absent while it never ran
 * @param apps     the apps of the template version it was made from, with where the proxy reaches them
 */
public record ContainerStatus(boolean exists, boolean running, Long exitCode, String containerId,
    List<PublishedApp> apps) {

  public ContainerStatus {
    apps = List.copyOf(apps);
  }

  public static ContainerStatus absent() {
    return new ContainerStatus(false, false, null, null, List.of());
  }
}
