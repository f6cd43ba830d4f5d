package io.devsanctum.provisioner.model;

import java.util.Map;

/** A container as a label-filtered listing returns it. */
public record ContainerSummary(String containerId, boolean running, Map<String, String> labels) {

  public ContainerSummary {
    labels = Map.copyOf(labels);
  }
}
