package io.devsanctum.provisioner;

import static io.devsanctum.provisioner.ProvisionerBus.SERVICE;
import static io.devsanctum.provisioner.ProvisionerBus.await;
import static io.devsanctum.provisioner.ProvisionerBus.containerRequest;
import static io.devsanctum.provisioner.ProvisionerBus.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.devsanctum.common.bus.Addresses;
import io.devsanctum.common.bus.BusFailure;
import io.devsanctum.common.bus.ErrorCode;
import io.devsanctum.common.contract.provisioner.ContainerInventory;
import io.devsanctum.common.contract.provisioner.DockerHostStatus;
import io.devsanctum.common.contract.provisioner.ProvisionerContract;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two configured hosts (the local socket, and the same daemon over TCP through a forwarder the
 * test can stop): placement spreads workspaces, and a host that goes down is noticed and avoided.
 * Host ids are unique per run because load counts every container labelled with the host id.
 */
class MultiHostPlacementTest {

  private static final String RUN = TestDocker.shortId().replaceAll("[^a-z0-9]", "0");
  private static final String FIRST = "pa-" + RUN;
  private static final String SECOND = "pb-" + RUN;

  private static TestDocker docker;
  private static DockerSocketForwarder forwarder;
  private static ProvisionerBus bus;
  private static ProvisionerContract provisioner;
  /** workspace id → the host place chose for it */
  private final Map<String, String> placements = new ConcurrentHashMap<>();

  @BeforeAll
  static void deploy() throws Exception {
    docker = TestDocker.connect();
    forwarder = new DockerSocketForwarder();
    bus = ProvisionerBus.deploy(Map.of(
        "DEVSANCTUM_DOCKER_HOSTS",
        FIRST + "=unix://" + TestDocker.SOCKET + "," + SECOND + "=tcp://127.0.0.1:" + forwarder.port(),
        "DEVSANCTUM_DOCKER_HEALTH_INTERVAL_MS", "300"));
    provisioner = bus.provisioner();
  }

  @AfterAll
  static void close() throws Exception {
    bus.close();
    forwarder.close();
    docker.close();
  }

  @Test
  void workspacesSpreadOverHealthyHostsAndAHostThatGoesDownIsAvoidedReportedAndFailsUnavailable() throws Exception {
    String firstWorkspace = placeAndStart(docker.newOwner());
    String secondWorkspace = placeAndStart(docker.newOwner());
    assertThat(hostOf(firstWorkspace)).isEqualTo(FIRST);
    assertThat(hostOf(secondWorkspace)).isEqualTo(SECOND);
    List<DockerHostStatus> hosts = await(provisioner.hosts(SERVICE));
    assertThat(hosts).extracting(DockerHostStatus::id, DockerHostStatus::healthy, DockerHostStatus::workspaces)
        .containsExactly(tuple(FIRST, true, 1), tuple(SECOND, true, 1));
    assertThat(hosts.get(0).cpus()).isPositive();
    assertThat(hosts.get(0).memoryBytes()).isPositive();

    forwarder.close();
    awaitGauge(SECOND, 0.0); // noticed by the periodic check, without anyone asking

    assertThat(await(provisioner.place(SERVICE))).isEqualTo(FIRST);
    DockerHostStatus second = await(provisioner.hosts(SERVICE)).get(1);
    assertThat(second.healthy()).isFalse();
    assertThat(second.error()).contains(SECOND);
    ContainerInventory inventory = await(provisioner.inventory(SERVICE));
    assertThat(inventory.unreachableHosts()).containsExactly(SECOND);
    assertThat(inventory.containers()).filteredOn(c -> c.workspaceId().equals(firstWorkspace))
        .singleElement().satisfies(c -> assertThat(c.hostId()).isEqualTo(FIRST));
    BusFailure status = refusal(provisioner.status(SERVICE, SECOND, secondWorkspace));
    assertThat(status.errorCode()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(status.getMessage()).contains("Docker host '" + SECOND + "'");
    BusFailure stop = refusal(provisioner.stop(SERVICE, SECOND, secondWorkspace));
    assertThat(stop.errorCode()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(await(provisioner.status(SERVICE, FIRST, firstWorkspace)).running()).isTrue();
  }

  @Test
  void placementFailsUnavailableWhenNoHostIsHealthy() throws Exception {
    try (ProvisionerBus deadOnly = ProvisionerBus.deploy(Map.of("DEVSANCTUM_DOCKER_HOSTS", "gone=tcp://127.0.0.1:9"))) {
      BusFailure failure = refusal(deadOnly.provisioner().place(SERVICE));
      assertThat(failure.errorCode()).isEqualTo(ErrorCode.UNAVAILABLE);
      assertThat(failure.getMessage()).isEqualTo("no healthy Docker host");
      JsonObject health = await(deadOnly.runtime().vertx().eventBus().<JsonObject>request(
          Addresses.health(Addresses.PROVISIONER), new JsonObject())).body();
      assertThat(health.getJsonObject("checks").getString("docker")).isEqualTo("DOWN");
    }
  }

  /** Places a new workspace, ensures and starts it there; its id. */
  private String placeAndStart(String owner) throws Exception {
    String hostId = await(provisioner.place(SERVICE));
    String ws = "ws-" + TestDocker.shortId();
    await(provisioner.ensureContainer(SERVICE, containerRequest(hostId, ws, owner, TestDocker.IMAGE)));
    await(provisioner.start(SERVICE, hostId, ws));
    placements.put(ws, hostId);
    return ws;
  }

  private String hostOf(String workspaceId) {
    return placements.get(workspaceId);
  }

  private static void awaitGauge(String hostId, double expected) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    var gauge = bus.runtime().meterRegistry().get("devsanctum.docker.host.healthy").tag("host", hostId).gauge();
    while (gauge.value() != expected) {
      assertThat(System.nanoTime()).as("healthy gauge of " + hostId + " reaching " + expected).isLessThan(deadline);
      Thread.sleep(100);
    }
  }
}
