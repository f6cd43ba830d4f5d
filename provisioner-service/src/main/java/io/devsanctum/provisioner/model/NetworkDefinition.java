package io.devsanctum.provisioner.model;

import java.util.Map;

/** A bridge network; {@code driverOptions} are the bridge driver's options (binding address, MTU). */
public record NetworkDefinition(String name, Map<String, String> labels, Map<String, String> driverOptions) {

  public NetworkDefinition {
    labels = Map.copyOf(labels);
    driverOptions = Map.copyOf(driverOptions);
  }
}
