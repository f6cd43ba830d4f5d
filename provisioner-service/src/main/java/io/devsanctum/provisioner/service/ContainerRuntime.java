package io.devsanctum.provisioner.service;

import io.devsanctum.common.contract.provisioner.HomeVolume;
import io.devsanctum.provisioner.model.ContainerDefinition;
import io.devsanctum.provisioner.model.ContainerState;
import io.devsanctum.provisioner.model.ContainerSummary;
import io.devsanctum.provisioner.model.HostCapacity;
import io.devsanctum.provisioner.model.ImageConfig;
import io.devsanctum.provisioner.model.NetworkDefinition;
import io.devsanctum.common.contract.provisioner.ProcessRequest;
import io.devsanctum.provisioner.model.ShellOutput;
import io.devsanctum.provisioner.model.ShellSession;
import io.devsanctum.provisioner.model.VolumeDefinition;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The container engine of the configured hosts, addressed by host id. Every call is idempotent in
 * the way its name says. Failures carry an {@link io.devsanctum.common.bus.ErrorCode}: UNAVAILABLE
 * when the host cannot be reached, UNPROCESSABLE when the engine refuses the request.
 */
public interface ContainerRuntime {

  /** Answers only if the engine is up, with what it has. */
  Future<HostCapacity> probe(String hostId);

  /** The image is on the host, pulled if need be; UNPROCESSABLE naming image and host otherwise. */
  Future<Void> ensureImage(String hostId, String image);

  /**
   * The volume exists (an existing one is kept as it is). A size limit the host's volume storage
   * refuses is left out, and the answer says why.
   */
  Future<HomeVolume> ensureVolume(String hostId, VolumeDefinition volume);

  /** The image's configuration when the host has it; empty when it does not (nothing is pulled). */
  Future<Optional<ImageConfig>> inspectImage(String hostId, String image);

  Future<Void> ensureNetwork(String hostId, NetworkDefinition network);

  /** Creates the container unless one of that name exists; either way, its id. */
  Future<String> ensureContainer(String hostId, ContainerDefinition container);

  /** By name or id; empty when there is no such container. */
  Future<Optional<ContainerState>> inspect(String hostId, String container);

  /**
   * Starts it; a running container is left as is. NOT_FOUND when absent; {@link NetworkFullException}
   * when its network has no address left for it.
   */
  Future<Void> start(String hostId, String container);

  /** Stops it within {@code grace}, then kills; a stopped or absent container is fine. */
  Future<Void> stop(String hostId, String container, Duration grace);

  /** Removes it even if running; an absent container is fine. */
  Future<Void> removeContainer(String hostId, String container);

  /** An absent volume is fine. */
  Future<Void> removeVolume(String hostId, String volume);

  /** Removes the network unless a container still uses it; true when it is gone. */
  Future<Boolean> removeNetworkIfUnused(String hostId, String network);

  /**
   * Starts a process in a running container as the container's user ({@link ProcessRequest}: a
   * command or a login shell, with or without a TTY); its output goes to {@code output}.
   */
  Future<ShellSession> openProcess(String hostId, String container, ProcessRequest request, ShellOutput output);

  /** Containers, running or not, carrying all of the given labels. */
  Future<List<ContainerSummary>> list(String hostId, Map<String, String> labels);

  /** A container could not start because every address of its network is taken by running containers. */
  final class NetworkFullException extends RuntimeException {

    public NetworkFullException(String engineMessage) {
      super(engineMessage, null, false, false);
    }
  }
}
