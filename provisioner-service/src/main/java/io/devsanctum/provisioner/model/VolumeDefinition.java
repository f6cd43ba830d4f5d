package io.devsanctum.provisioner.model;

import java.util.Map;

public record VolumeDefinition(String name, Map<String, String> labels) {

  public VolumeDefinition {
    labels = Map.copyOf(labels);
  }
}
