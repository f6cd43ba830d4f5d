package io.devsanctum.provisioner.model;

import java.util.Map;

/**
 * A container as the engine reports it.
 *
 * @param exitCode       the last exit code; null while it never ran
 * @param publishedPorts container port → host port, for the ports currently published
 */
public record ContainerState(
    String containerId, boolean running, Long exitCode, Map<String, String> labels, Map<Integer, Integer> publishedPorts) {

  public ContainerState {
    labels = Map.copyOf(labels);
    publishedPorts = Map.copyOf(publishedPorts);
  }
}
