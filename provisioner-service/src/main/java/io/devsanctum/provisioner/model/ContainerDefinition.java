package io.devsanctum.provisioner.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A fully decided container, independent of the Docker client: the service layer fills in names,
 * labels, limits and privileges; an adapter only translates it.
 *
 * @param user           who the container's processes run as ({@code name|uid[:group|gid]})
 * @param ports          container ports, each published on {@code publishAddress} at an ephemeral host port
 * @param volumeName     named volume mounted at {@code mountPath}; the only mount the container gets
 * @param logOptions     options of the container's json-file log (its rotation)
 */
public record ContainerDefinition(
    String name,
    String image,
    String user,
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
    SecurityProfile security,
    Map<String, String> logOptions) {

  public ContainerDefinition {
    entrypoint = List.copyOf(entrypoint);
    command = List.copyOf(command);
    env = Map.copyOf(env);
    labels = Map.copyOf(labels);
    ports = List.copyOf(ports);
    logOptions = Map.copyOf(logOptions);
  }

  /** This definition with one more label. */
  public ContainerDefinition withLabel(String name, String value) {
    Map<String, String> more = new HashMap<>(labels);
    more.put(name, value);
    return new ContainerDefinition(this.name, image, user, entrypoint, command, env, more, volumeName, mountPath,
        networkName, ports, publishAddress, memoryBytes, nanoCpus, pidsLimit, security, logOptions);
  }

  /**
   * A SHA-256 digest of everything the container is made from (maps in key order, so equal
   * definitions always give the same digest): a container of another definition is told apart
   * by it.
   */
  public String fingerprint() {
    String canonical = String.join("\n", name, image, user, entrypoint.toString(), command.toString(),
        new TreeMap<>(env).toString(), new TreeMap<>(labels).toString(), volumeName, mountPath, networkName,
        ports.toString(), publishAddress, Long.toString(memoryBytes), Long.toString(nanoCpus), Long.toString(pidsLimit),
        security.toString(), new TreeMap<>(logOptions).toString());
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
