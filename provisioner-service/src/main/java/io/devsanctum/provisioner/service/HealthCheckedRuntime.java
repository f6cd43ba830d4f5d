package io.devsanctum.provisioner.service;

import io.devsanctum.common.contract.provisioner.HomeVolume;
import io.devsanctum.common.domain.UnavailableException;
import io.devsanctum.provisioner.model.ContainerDefinition;
import io.devsanctum.provisioner.model.ContainerState;
import io.devsanctum.provisioner.model.ContainerSummary;
import io.devsanctum.provisioner.model.HostCapacity;
import io.devsanctum.provisioner.model.HostStatus;
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
import java.util.function.Supplier;

/**
 * The container runtime as the provisioner's operations use it: a call to a host whose last health
 * check failed fails at once, UNAVAILABLE and naming the host and what its check found, instead of
 * waiting out a timeout on a host known to be down or frozen. The health checks themselves use the
 * runtime underneath, so a host that comes back is seen again.
 */
public final class HealthCheckedRuntime implements ContainerRuntime {

  private final ContainerRuntime runtime;
  private final HostMonitor monitor;

  public HealthCheckedRuntime(ContainerRuntime runtime, HostMonitor monitor) {
    this.runtime = runtime;
    this.monitor = monitor;
  }

  @Override
  public Future<HostCapacity> probe(String hostId) {
    return gated(hostId, () -> runtime.probe(hostId));
  }

  @Override
  public Future<Void> ensureImage(String hostId, String image) {
    return gated(hostId, () -> runtime.ensureImage(hostId, image));
  }

  @Override
  public Future<Optional<ImageConfig>> inspectImage(String hostId, String image) {
    return gated(hostId, () -> runtime.inspectImage(hostId, image));
  }

  @Override
  public Future<HomeVolume> ensureVolume(String hostId, VolumeDefinition volume) {
    return gated(hostId, () -> runtime.ensureVolume(hostId, volume));
  }

  @Override
  public Future<Void> ensureNetwork(String hostId, NetworkDefinition network) {
    return gated(hostId, () -> runtime.ensureNetwork(hostId, network));
  }

  @Override
  public Future<String> ensureContainer(String hostId, ContainerDefinition container) {
    return gated(hostId, () -> runtime.ensureContainer(hostId, container));
  }

  @Override
  public Future<Optional<ContainerState>> inspect(String hostId, String container) {
    return gated(hostId, () -> runtime.inspect(hostId, container));
  }

  @Override
  public Future<Void> start(String hostId, String container) {
    return gated(hostId, () -> runtime.start(hostId, container));
  }

  @Override
  public Future<Void> stop(String hostId, String container, Duration grace) {
    return gated(hostId, () -> runtime.stop(hostId, container, grace));
  }

  @Override
  public Future<Void> removeContainer(String hostId, String container) {
    return gated(hostId, () -> runtime.removeContainer(hostId, container));
  }

  @Override
  public Future<Void> removeVolume(String hostId, String volume) {
    return gated(hostId, () -> runtime.removeVolume(hostId, volume));
  }

  @Override
  public Future<Boolean> removeNetworkIfUnused(String hostId, String network) {
    return gated(hostId, () -> runtime.removeNetworkIfUnused(hostId, network));
  }

  @Override
  public Future<ShellSession> openProcess(String hostId, String container, ProcessRequest request, ShellOutput output) {
    return gated(hostId, () -> runtime.openProcess(hostId, container, request, output));
  }

  @Override
  public Future<List<ContainerSummary>> list(String hostId, Map<String, String> labels) {
    return gated(hostId, () -> runtime.list(hostId, labels));
  }

  private <T> Future<T> gated(String hostId, Supplier<Future<T>> call) {
    HostStatus status = monitor.latest(hostId);
    if (status != null && !status.healthy()) {
      return Future.failedFuture(new UnavailableException("Docker host '" + hostId
          + "' is unhealthy (its last health check: " + status.error() + "); try again once it is back"));
    }
    return call.get();
  }
}
