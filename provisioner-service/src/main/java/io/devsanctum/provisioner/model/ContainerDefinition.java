package io.devsanctum.provisioner.model;

import java.util.List;
import java.util.Map;

/**
 * A fully decided container, independent of the Docker client: the service layer fills in names,
 * labels, limits and privileges; an adapter only translates it.
 *
 * @param ports          container ports, each published on {@code publishAddress} at an ephemeral host port
 * @param volumeName     named volume mounted at {@code mountPath}; the only mount the container gets
 */
public record ContainerDefinition(
    String name,
    String image,
    List<String> entrypoint,
    List<String> command,
    Map<String, String> env,
    Map<String, String> labels,
    String volumeName,
    String mountPath,
    String networkName,
    List<Integer> ports,
    String publishAddress,
    long memoryBytes,
    long nanoCpus,
    long pidsLimit,
    SecurityProfile security) {

  public ContainerDefinition {
    entrypoint = List.copyOf(entrypoint);
    command = List.copyOf(command);
    env = Map.copyOf(env);
    labels = Map.copyOf(labels);
    ports = List.copyOf(ports);
  }
}
