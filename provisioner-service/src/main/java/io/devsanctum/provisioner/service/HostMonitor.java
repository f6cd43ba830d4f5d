package io.devsanctum.provisioner.service;

import io.devsanctum.common.contract.provisioner.ImageLocation;
import io.devsanctum.common.domain.UnavailableException;
import io.devsanctum.provisioner.model.ContainerSummary;
import io.devsanctum.provisioner.model.DockerHost;
import io.devsanctum.provisioner.model.HostStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Health, capacity and load of every Docker host: checked periodically (and on demand), kept for
 * the health check and the per-host {@code devsanctum.docker.host.healthy} gauge, and used to place
 * new workspaces.
 */
public class HostMonitor {

  /** A host that does not answer a check in this time counts as down, even if its calls still hang. */
  private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(5);

  private final DockerHosts hosts;
  private final ContainerRuntime runtime;
  private final Map<String, HostStatus> latest = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> healthy = new HashMap<>();
  // one check per host at a time: periodic and on-demand checks share the one in flight
  private final Map<String, Future<HostStatus>> inFlight = new ConcurrentHashMap<>();

  public HostMonitor(DockerHosts hosts, ContainerRuntime runtime, MeterRegistry metrics) {
    this.hosts = hosts;
    this.runtime = runtime;
    for (DockerHost host : hosts.all()) {
      latest.put(host.id(), HostStatus.unhealthy(host, "not checked yet"));
      AtomicInteger flag = new AtomicInteger();
      healthy.put(host.id(), flag);
      Gauge.builder("devsanctum.docker.host.healthy", flag, AtomicInteger::get)
          .description("1 when the Docker host answered its last health check")
          .tag("host", host.id())
          .strongReference(true)
          .register(metrics);
    }
  }

  /** Checks every host now; never fails (an unreachable host is reported unhealthy). */
  public Future<List<HostStatus>> checkAll() {
    List<Future<HostStatus>> checks = hosts.all().stream().map(this::check).toList();
    return Future.join(checks).map(done -> checks.stream().map(Future::result).toList());
  }

  /**
   * The least-loaded healthy host, from a fresh check of the hosts that were healthy (one marked
   * unhealthy is left out at once rather than waited for); UNAVAILABLE when none is healthy.
   */
  public Future<HostStatus> place() {
    List<Future<HostStatus>> checks = hosts.all().stream()
        .map(host -> latest(host.id()).healthy() ? check(host) : Future.succeededFuture(latest(host.id())))
        .toList();
    return Future.join(checks).map(done -> PlacementPolicy.choose(checks.stream().map(Future::result).toList())
        .orElseThrow(() -> new UnavailableException("no healthy Docker host")));
  }

  /** The host's last health check (or "not checked yet"). */
  public HostStatus latest(String hostId) {
    return latest.get(hostId);
  }

  /**
   * Which hosts have the image now, asked of the hosts that were healthy at their last check
   * (nothing is pulled); a host that is down or does not answer in time is unchecked.
   */
  public Future<ImageLocation> locateImage(String image) {
    List<String> present = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    List<String> unchecked = new ArrayList<>();
    List<Future<?>> lookups = new ArrayList<>();
    for (DockerHost host : hosts.all()) {
      if (!latest.get(host.id()).healthy()) {
        unchecked.add(host.id());
        continue;
      }
      lookups.add(runtime.inspectImage(host.id(), image)
          .timeout(CHECK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
          .onComplete(found -> {
            synchronized (present) {
              (found.failed() ? unchecked : found.result().isPresent() ? present : missing).add(host.id());
            }
          }));
    }
    return Future.join(lookups).otherwiseEmpty().map(done -> {
      synchronized (present) {
        return new ImageLocation(sorted(present), sorted(missing), sorted(unchecked));
      }
    });
  }

  private static List<String> sorted(List<String> hostIds) {
    return hostIds.stream().sorted().toList();
  }

  /** For the service health check: succeeds while at least one host was healthy at its last check. */
  public Future<Void> anyHealthy() {
    return latest.values().stream().anyMatch(HostStatus::healthy)
        ? Future.succeededFuture()
        : Future.failedFuture("no healthy Docker host");
  }

  private Future<HostStatus> check(DockerHost host) {
    Future<HostStatus> running = inFlight.get(host.id());
    if (running != null) {
      return running;
    }
    Future<HostStatus> check = runtime.probe(host.id())
        .compose(capacity -> runtime.list(host.id(), WorkspaceResources.managedOn(host.id()))
            .map(containers -> HostStatus.healthy(host, capacity, countRunning(containers))))
        .timeout(CHECK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .otherwise(failure -> HostStatus.unhealthy(host, failure.getMessage()))
        .onSuccess(this::record);
    inFlight.put(host.id(), check);
    check.onComplete(done -> inFlight.remove(host.id(), check));
    return check;
  }

  private void record(HostStatus status) {
    latest.put(status.id(), status);
    healthy.get(status.id()).set(status.healthy() ? 1 : 0);
  }

  private static int countRunning(List<ContainerSummary> containers) {
    return (int) containers.stream().filter(ContainerSummary::running).count();
  }
}
