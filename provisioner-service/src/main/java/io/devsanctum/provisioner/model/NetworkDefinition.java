package io.devsanctum.provisioner.model;

import java.util.Map;

/**
 * A bridge network; {@code driverOptions} are the bridge driver's options (binding address, MTU),
 * and its subnet is the first block of {@code addresses} that no network on the host uses yet.
 */
public record NetworkDefinition(String name, Map<String, String> labels, Map<String, String> driverOptions,
    SubnetPool addresses) {

  public NetworkDefinition {
    labels = Map.copyOf(labels);
    driverOptions = Map.copyOf(driverOptions);
  }
}
