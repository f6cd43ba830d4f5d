package io.devsanctum.provisioner.infrastructure.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import io.devsanctum.common.contract.provisioner.HomeVolume;
import io.devsanctum.common.domain.UnavailableException;
import io.devsanctum.common.domain.UnprocessableException;
import io.devsanctum.provisioner.model.ContainerDefinition;
import io.devsanctum.provisioner.model.ContainerState;
import io.devsanctum.provisioner.model.ContainerSummary;
import io.devsanctum.provisioner.model.DockerHost;
import io.devsanctum.provisioner.model.HostCapacity;
import io.devsanctum.provisioner.model.ImageConfig;
import io.devsanctum.provisioner.model.Ipv4Subnet;
import io.devsanctum.provisioner.model.NetworkDefinition;
import io.devsanctum.common.contract.provisioner.ProcessRequest;
import io.devsanctum.common.contract.provisioner.TerminalSize;
import io.devsanctum.provisioner.model.ShellOutput;
import io.devsanctum.provisioner.model.ShellSession;
import io.devsanctum.provisioner.model.VolumeDefinition;
import io.devsanctum.provisioner.service.ContainerRuntime;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ContainerRuntime} on docker-java: clients per host (see {@link DockerClients}), every call
 * on the {@code docker} worker pool (docker-java blocks) within its operation's bound
 * ({@link DockerCall}), timed as {@code devsanctum.docker.call} by host, operation and outcome.
 */
public class DockerContainerRuntime implements ContainerRuntime, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DockerContainerRuntime.class);
  /** Where a registry is reachable a pull works; where none is, it fails in well under this. */
  private static final Duration PULL_TIMEOUT = Duration.ofSeconds(20);
  /** What the engine reports as the finish time of a container that never ran. */
  private static final String NEVER = "0001-01-01T00:00:00Z";
  /** What the engine says when a container's network has no address left for it. */
  private static final String NO_ADDRESS_LEFT = "no available IPv4 addresses";
  /** Blocks tried when others take them concurrently, before giving up. */
  private static final int SUBNET_ATTEMPTS = 16;

  /** The two clients of a host: for quick calls, and for those that may wait (stops, pulls, shells). */
  private record HostClients(DockerClient quick, DockerClient slow) {
  }

  private final Map<String, HostClients> clients = new LinkedHashMap<>();
  private final Map<String, DockerHost> hosts = new HashMap<>();
  /** The local volume driver's option for a size limit (XFS project quotas). */
  private static final String SIZE_OPTION = "size";

  private final Set<String> hostsWithoutVolumeQuotas = ConcurrentHashMap.newKeySet();
  private final WorkerExecutor workers;
  private final MeterRegistry metrics;

  public DockerContainerRuntime(List<DockerHost> hosts, WorkerExecutor workers, MeterRegistry metrics) {
    hosts.forEach(host -> this.hosts.put(host.id(), host));
    hosts.forEach(host -> clients.put(host.id(), new HostClients(
        DockerClients.create(host, DockerCall.QUICK_RESPONSE_TIMEOUT),
        DockerClients.create(host, DockerCall.LONG_RESPONSE_TIMEOUT))));
    this.workers = workers;
    this.metrics = metrics;
  }

  @Override
  public Future<HostCapacity> probe(String hostId) {
    return call(hostId, DockerCall.PROBE, client -> {
      client.pingCmd().exec();
      Info info = client.infoCmd().exec();
      return new HostCapacity(orZero(info.getNCPU()), info.getMemTotal() == null ? 0 : info.getMemTotal());
    });
  }

  @Override
  public Future<ShellSession> openProcess(String hostId, String container, ProcessRequest request, ShellOutput output) {
    if (!request.tty()) {
      // a process without a terminal may read to the end of its input: only a raw stream can end it
      return call(hostId, DockerCall.EXEC, client -> {
        DockerHost host = hosts.get(hostId); // known: call() refuses unknown hosts
        String execId = DockerShellSession.createExec(client, container, request);
        try {
          return (ShellSession) RawExecStream.start(client, host, execId, output,
              (operation, work) -> blockingCall(hostId, operation, work));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
    Future<DockerShellSession> started = call(hostId, DockerCall.EXEC, client -> DockerShellSession.start(client,
        container, request, output, (operation, work) -> blockingCall(hostId, operation, work)));
    TerminalSize size = request.size() == null ? TerminalSize.DEFAULT : request.size();
    return started.compose(session -> session.resize(size.cols(), size.rows()).otherwiseEmpty()
        .map(v -> (ShellSession) session));
  }

  private Future<Void> blockingCall(String hostId, DockerCall operation, java.util.function.Consumer<DockerClient> work) {
    return call(hostId, operation, client -> {
      work.accept(client);
      return null;
    });
  }

  @Override
  public Future<Void> ensureImage(String hostId, String image) {
    return call(hostId, DockerCall.ENSURE_IMAGE, client -> {
      try {
        client.inspectImageCmd(image).exec();
      } catch (NotFoundException missing) {
        pull(hostId, client, image);
      }
      return null;
    });
  }

  @Override
  public Future<HomeVolume> ensureVolume(String hostId, VolumeDefinition volume) {
    return call(hostId, DockerCall.ENSURE_VOLUME, client -> {
      try {
        Map<String, String> options = client.inspectVolumeCmd(volume.name()).exec().getOptions();
        return new HomeVolume(volume.name(), options == null ? null : options.get(SIZE_OPTION), null);
      } catch (NotFoundException absent) {
        // created below; creating one that a concurrent call made meanwhile returns it unchanged
      }
      if (volume.sizeLimit() == null) {
        createVolume(client, volume, Map.of());
        return new HomeVolume(volume.name(), null, null);
      }
      try {
        createVolume(client, volume, Map.of(SIZE_OPTION, volume.sizeLimit()));
        return new HomeVolume(volume.name(), volume.sizeLimit(), null);
      } catch (DockerException refused) {
        if (DockerFailures.isUnreachable(refused)) {
          throw refused;
        }
        // the local driver limits sizes only on XFS with project quotas: without, the home is unlimited
        createVolume(client, volume, Map.of());
        String reason = DockerFailures.engineMessage(refused);
        if (hostsWithoutVolumeQuotas.add(hostId)) {
          LOG.warn("Docker host '{}' cannot limit volume sizes ({}); home volumes there have no size limit", hostId, reason);
        }
        return new HomeVolume(volume.name(), null, reason);
      }
    });
  }

  private static void createVolume(DockerClient client, VolumeDefinition volume, Map<String, String> driverOptions) {
    client.createVolumeCmd().withName(volume.name()).withLabels(volume.labels()).withDriverOpts(driverOptions).exec();
  }

  @Override
  public Future<Optional<ImageConfig>> inspectImage(String hostId, String image) {
    return call(hostId, DockerCall.INSPECT, client -> {
      try {
        InspectImageResponse inspected = client.inspectImageCmd(image).exec();
        String user = inspected.getConfig() == null || inspected.getConfig().getUser() == null
            ? "" : inspected.getConfig().getUser();
        return Optional.of(new ImageConfig(user));
      } catch (NotFoundException absent) {
        return Optional.empty();
      }
    });
  }

  @Override
  public Future<Void> ensureNetwork(String hostId, NetworkDefinition network) {
    return call(hostId, DockerCall.ENSURE_NETWORK, client -> {
      if (!client.listNetworksCmd().withNameFilter(network.name()).exec().stream()
          .anyMatch(existing -> existing.getName().equals(network.name()))) {
        createNetwork(hostId, client, network);
      }
      return null;
    });
  }

  /**
   * Creates the network on the pool's first block that no network on the host covers. Another
   * instance (or an operator) may take that block between the listing and the create: the engine
   * then refuses it as overlapping and the next block is tried.
   */
  private static void createNetwork(String hostId, DockerClient client, NetworkDefinition network) {
    List<Ipv4Subnet> used = client.listNetworksCmd().exec().stream()
        .filter(existing -> existing.getIpam() != null && existing.getIpam().getConfig() != null)
        .flatMap(existing -> existing.getIpam().getConfig().stream())
        .flatMap(config -> Ipv4Subnet.tryParse(config.getSubnet()).stream())
        .toList();
    Iterator<Ipv4Subnet> free = network.addresses().free(used).iterator();
    DockerException lastOverlap = null;
    for (int attempt = 0; attempt < SUBNET_ATTEMPTS && free.hasNext(); attempt++) {
      Ipv4Subnet subnet = free.next();
      try {
        client.createNetworkCmd()
            .withName(network.name())
            .withDriver("bridge")
            .withInternal(false)
            .withOptions(network.driverOptions())
            .withLabels(network.labels())
            .withIpam(new Network.Ipam().withConfig(new Network.Ipam.Config().withSubnet(subnet.toString())))
            .withCheckDuplicate(true)
            .exec();
        return;
      } catch (DockerException refused) {
        String message = String.valueOf(refused.getMessage());
        if (message.contains("overlap")) {
          lastOverlap = refused;
          continue; // taken since the listing: the next block
        }
        if (refused instanceof ConflictException) {
          return; // another instance created it since the listing: that is the goal
        }
        throw refused;
      }
    }
    if (free.hasNext()) {
      // every block tried was taken by someone else meanwhile; there may be more, so say so
      throw new UnavailableException("network " + network.name() + " on Docker host '" + hostId + "': "
          + SUBNET_ATTEMPTS + " free blocks of " + network.addresses() + " were taken by other networks meanwhile; "
          + "retry (last refusal: " + DockerFailures.rootMessage(lastOverlap) + ")");
    }
    throw new UnprocessableException("no free subnet is left for network " + network.name()
        + " on Docker host '" + hostId + "' in its network pool " + network.addresses()
        + "; give the host a wider DEVSANCTUM_DOCKER_HOST_<ID>_NETWORK_POOL");
  }

  @Override
  public Future<String> ensureContainer(String hostId, ContainerDefinition container) {
    return call(hostId, DockerCall.ENSURE_CONTAINER, client -> {
      try {
        return create(client, container);
      } catch (ConflictException createdMeanwhile) {
        return client.inspectContainerCmd(container.name()).exec().getId();
      }
    });
  }

  @Override
  public Future<Optional<ContainerState>> inspect(String hostId, String container) {
    return call(hostId, DockerCall.INSPECT, client -> {
      try {
        return Optional.of(state(client.inspectContainerCmd(container).exec()));
      } catch (NotFoundException absent) {
        return Optional.empty();
      }
    });
  }

  @Override
  public Future<Void> start(String hostId, String container) {
    return call(hostId, DockerCall.START, client -> {
      try {
        client.startContainerCmd(container).exec();
      } catch (NotModifiedException alreadyRunning) {
        // the goal state
      } catch (DockerException refused) {
        // the engine's only sign of an exhausted network is its message (answered as a 500)
        String message = DockerFailures.engineMessage(refused);
        if (message.contains(NO_ADDRESS_LEFT)) {
          throw new ContainerRuntime.NetworkFullException(message);
        }
        throw refused;
      }
      return null;
    });
  }

  @Override
  public Future<Void> stop(String hostId, String container, Duration grace) {
    return call(hostId, DockerCall.STOP, DockerCall.STOP.bound().plus(grace), client -> {
      try {
        client.stopContainerCmd(container).withTimeout((int) grace.toSeconds()).exec();
      } catch (NotModifiedException | NotFoundException alreadyStopped) {
        // the goal state
      }
      return null;
    });
  }

  @Override
  public Future<Void> removeContainer(String hostId, String container) {
    return call(hostId, DockerCall.REMOVE_CONTAINER, client -> {
      try {
        client.removeContainerCmd(container).withForce(true).exec();
      } catch (NotFoundException alreadyGone) {
        // the goal state
      }
      return null;
    });
  }

  @Override
  public Future<Void> removeVolume(String hostId, String volume) {
    return call(hostId, DockerCall.REMOVE_VOLUME, client -> {
      try {
        client.removeVolumeCmd(volume).exec();
      } catch (NotFoundException alreadyGone) {
        // the goal state
      }
      return null;
    });
  }

  @Override
  public Future<Boolean> removeNetworkIfUnused(String hostId, String network) {
    return call(hostId, DockerCall.REMOVE_NETWORK, client -> {
      try {
        client.removeNetworkCmd(network).exec();
        return true;
      } catch (NotFoundException alreadyGone) {
        return true;
      } catch (DockerException inUse) {
        // 403/409 "has active endpoints": a container joined it meanwhile, so it stays
        if (inUse.getHttpStatus() == 403 || inUse.getHttpStatus() == 409) {
          LOG.info("network {} on Docker host '{}' is still in use; keeping it", network, hostId);
          return false;
        }
        throw inUse;
      }
    });
  }

  @Override
  public Future<List<ContainerSummary>> list(String hostId, Map<String, String> labels) {
    return call(hostId, DockerCall.LIST, client -> client.listContainersCmd()
        .withShowAll(true)
        .withLabelFilter(labels)
        .exec()
        .stream()
        .map(c -> new ContainerSummary(c.getId(), "running".equals(c.getState()),
            c.getLabels() == null ? Map.of() : c.getLabels()))
        .toList());
  }

  @Override
  public void close() {
    clients.forEach((hostId, host) -> {
      for (DockerClient client : List.of(host.quick(), host.slow())) {
        try {
          client.close();
        } catch (IOException e) {
          LOG.warn("closing a client of Docker host '{}' failed", hostId, e);
        }
      }
    });
  }

  private <T> Future<T> call(String hostId, DockerCall operation, Function<DockerClient, T> work) {
    return call(hostId, operation, operation.bound(), work);
  }

  private <T> Future<T> call(String hostId, DockerCall operation, Duration bound, Function<DockerClient, T> work) {
    HostClients host = clients.get(hostId);
    if (host == null) {
      // callers resolve host ids through DockerHosts first, which answers NOT_FOUND to requests
      return Future.failedFuture(new IllegalArgumentException("unknown Docker host " + hostId));
    }
    DockerClient client = operation.slow() ? host.slow() : host.quick();
    // unordered: one slow call (a stop, a pull) must not hold up the others
    return workers.executeBlocking(() -> {
      long started = System.nanoTime();
      String outcome = "error";
      try {
        T result = work.apply(client);
        outcome = "success";
        return result;
      } finally {
        Timer.builder("devsanctum.docker.call")
            .tag("host", hostId)
            .tag("operation", operation.label())
            .tag("outcome", outcome)
            .register(metrics)
            .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
      }
    }, false)
        .timeout(bound.toMillis(), TimeUnit.MILLISECONDS)
        .recover(failure -> Future.failedFuture(DockerFailures.translate(hostId, operation.label(), bound, failure)));
  }

  /**
   * Pulls the image; when that fails the failure says which image is missing on which host and
   * where it was looked for, in words: the engine's own answer (raw JSON, resolver and registry
   * addresses) goes to the log only.
   */
  private static void pull(String hostId, DockerClient client, String image) {
    ImageReference reference = ImageReference.parse(image);
    PullImageResultCallback pull = client.pullImageCmd(reference.repository())
        .withTag(reference.tag())
        .exec(new PullImageResultCallback());
    String outcome;
    try {
      if (pull.awaitCompletion(PULL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        return;
      }
      outcome = "pulling it from " + reference.registry() + " did not finish within " + PULL_TIMEOUT.toSeconds() + " s";
      LOG.warn("pulling image {} on Docker host '{}' timed out after {} s", image, hostId, PULL_TIMEOUT.toSeconds());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      outcome = "pulling it was interrupted";
    } catch (RuntimeException e) {
      if (DockerFailures.isUnreachable(e)) {
        throw e; // the host, not the registry, is the problem
      }
      outcome = "pulling it from " + reference.registry() + " failed";
      LOG.warn("pulling image {} on Docker host '{}' failed: {}", image, hostId, DockerFailures.rootMessage(e));
    } finally {
      closeQuietly(pull);
    }
    throw new UnprocessableException("image '" + image + "' is not on Docker host '" + hostId + "' and "
        + outcome + "; build it on that host or push it to a registry the host can reach");
  }

  /** Stops a pull still streaming (after a timeout); nothing is left to report from it. */
  private static void closeQuietly(PullImageResultCallback pull) {
    try {
      pull.close();
    } catch (IOException e) {
      LOG.debug("closing a pull stream failed", e);
    }
  }

  private static String create(DockerClient client, ContainerDefinition container) {
    List<ExposedPort> exposed = container.ports().stream().map(ExposedPort::tcp).toList();
    Ports bindings = new Ports();
    // an empty host port asks for an ephemeral one, on the publish address only
    exposed.forEach(port -> bindings.bind(port, Ports.Binding.bindIp(container.publishAddress())));
    HostConfig hostConfig = HostConfig.newHostConfig()
        .withPrivileged(container.security().privileged())
        .withCapDrop(capabilities(container.security().capDrop()))
        .withCapAdd(capabilities(container.security().capAdd()))
        .withSecurityOpts(container.security().securityOpts())
        .withMemory(container.memoryBytes())
        .withMemorySwap(container.memoryBytes()) // no swap beyond the memory limit
        .withNanoCPUs(container.nanoCpus())
        .withPidsLimit(container.pidsLimit())
        .withMounts(List.of(new Mount()
            .withType(MountType.VOLUME)
            .withSource(container.volumeName())
            .withTarget(container.mountPath())))
        .withNetworkMode(container.networkName())
        .withPortBindings(bindings)
        // the platform decides when a workspace runs, not the engine
        .withRestartPolicy(RestartPolicy.noRestart())
        .withLogConfig(new LogConfig(LogConfig.LoggingType.JSON_FILE, container.logOptions()))
        // a tiny init as PID 1 reaps the zombies a dev shell leaves and passes the stop signal on,
        // so a stop takes milliseconds instead of the whole grace period
        .withInit(true);
    var create = client.createContainerCmd(container.image())
        .withName(container.name())
        .withUser(container.user())
        .withLabels(container.labels())
        .withEnv(container.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
        .withExposedPorts(exposed)
        .withHostConfig(hostConfig);
    if (!container.entrypoint().isEmpty()) {
      create.withEntrypoint(container.entrypoint());
    }
    if (!container.command().isEmpty()) {
      create.withCmd(container.command());
    }
    return create.exec().getId();
  }

  private static ContainerState state(InspectContainerResponse inspected) {
    InspectContainerResponse.ContainerState engineState = inspected.getState();
    boolean running = Boolean.TRUE.equals(engineState.getRunning());
    boolean hasRun = engineState.getFinishedAt() != null && !NEVER.equals(engineState.getFinishedAt());
    Long exitCode = !running && hasRun ? engineState.getExitCodeLong() : null;
    Map<String, String> labels = inspected.getConfig().getLabels() == null ? Map.of() : inspected.getConfig().getLabels();
    return new ContainerState(inspected.getId(), running, exitCode, labels, publishedPorts(inspected));
  }

  private static Map<Integer, Integer> publishedPorts(InspectContainerResponse inspected) {
    Map<Integer, Integer> published = new HashMap<>();
    if (inspected.getNetworkSettings() == null || inspected.getNetworkSettings().getPorts() == null) {
      return published;
    }
    inspected.getNetworkSettings().getPorts().getBindings().forEach((port, bindings) -> {
      if (bindings != null && bindings.length > 0 && bindings[0].getHostPortSpec() != null) {
        published.put(port.getPort(), Integer.parseInt(bindings[0].getHostPortSpec()));
      }
    });
    return published;
  }

  private static Capability[] capabilities(List<String> names) {
    return names.stream().map(Capability::valueOf).toArray(Capability[]::new);
  }

  private static int orZero(Integer value) {
    return value == null ? 0 : value;
  }
}
