package io.devsanctum.provisioner;

import static io.devsanctum.provisioner.ProvisionerBus.containerRequest;
import static io.devsanctum.provisioner.ProvisionerBus.workspace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.devsanctum.common.bus.Addresses;
import io.devsanctum.common.bus.ErrorCode;
import io.devsanctum.common.bus.ProvisionerContract;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
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
  /** workspace id → the host HOSTS_PLACE chose for it */
  private final Map<String, String> placements = new ConcurrentHashMap<>();

  @BeforeAll
  static void deploy() throws Exception {
    docker = TestDocker.connect();
    forwarder = new DockerSocketForwarder();
    bus = ProvisionerBus.deploy(Map.of(
        "DEVSANCTUM_DOCKER_HOSTS",
        FIRST + "=unix://" + TestDocker.SOCKET + "," + SECOND + "=tcp://127.0.0.1:" + forwarder.port(),
        "DEVSANCTUM_DOCKER_HEALTH_INTERVAL_MS", "300"));
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
    JsonObject hosts = bus.request(ProvisionerContract.HOSTS_LIST, new JsonObject());
    assertThat(hosts.getJsonArray("hosts").stream().map(JsonObject.class::cast))
        .extracting(h -> h.getString("id"), h -> h.getBoolean("healthy"), h -> h.getInteger("workspaces"))
        .containsExactly(tuple(FIRST, true, 1), tuple(SECOND, true, 1));
    assertThat(hosts.getJsonArray("hosts").getJsonObject(0).getInteger("cpus")).isPositive();
    assertThat(hosts.getJsonArray("hosts").getJsonObject(0).getLong("memoryBytes")).isPositive();

    forwarder.close();
    awaitGauge(SECOND, 0.0); // noticed by the periodic check, without anyone asking

    assertThat(bus.request(ProvisionerContract.HOSTS_PLACE, new JsonObject()).getString("hostId")).isEqualTo(FIRST);
    JsonObject second = bus.request(ProvisionerContract.HOSTS_LIST, new JsonObject()).getJsonArray("hosts").getJsonObject(1);
    assertThat(second.getBoolean("healthy")).isFalse();
    assertThat(second.getString("error")).contains(SECOND);
    JsonObject inventory = bus.request(ProvisionerContract.CONTAINERS_LIST, new JsonObject());
    assertThat(inventory.getJsonArray("unreachableHosts")).containsExactly(SECOND);
    assertThat(inventory.getJsonArray("containers").stream().map(JsonObject.class::cast)
        .filter(c -> c.getString("workspaceId").equals(firstWorkspace)))
        .singleElement().satisfies(c -> assertThat(c.getString("hostId")).isEqualTo(FIRST));
    ReplyException status = bus.failure(ProvisionerContract.CONTAINER_STATUS, workspace(SECOND, secondWorkspace));
    assertThat(ErrorCode.of(status)).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(status.getMessage()).contains("Docker host '" + SECOND + "'");
    ReplyException stop = bus.failure(ProvisionerContract.CONTAINER_STOP, workspace(SECOND, secondWorkspace));
    assertThat(ErrorCode.of(stop)).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(bus.request(ProvisionerContract.CONTAINER_STATUS, workspace(FIRST, firstWorkspace)).getBoolean("running"))
        .isTrue();
  }

  @Test
  void placementFailsUnavailableWhenNoHostIsHealthy() throws Exception {
    try (ProvisionerBus deadOnly = ProvisionerBus.deploy(Map.of("DEVSANCTUM_DOCKER_HOSTS", "gone=tcp://127.0.0.1:9"))) {
      ReplyException failure = deadOnly.failure(ProvisionerContract.HOSTS_PLACE, new JsonObject());
      assertThat(ErrorCode.of(failure)).isEqualTo(ErrorCode.UNAVAILABLE);
      assertThat(failure.getMessage()).isEqualTo("no healthy Docker host");
      JsonObject health = deadOnly.request(Addresses.health(Addresses.PROVISIONER), new JsonObject());
      assertThat(health.getJsonObject("checks").getString("docker")).isEqualTo("DOWN");
    }
  }

  /** Places a new workspace, ensures and starts it there; its id. */
  private String placeAndStart(String owner) throws Exception {
    String hostId = bus.request(ProvisionerContract.HOSTS_PLACE, new JsonObject()).getString("hostId");
    String ws = "ws-" + TestDocker.shortId();
    bus.request(ProvisionerContract.CONTAINER_ENSURE, containerRequest(hostId, ws, owner, TestDocker.IMAGE));
    bus.request(ProvisionerContract.CONTAINER_START, workspace(hostId, ws));
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
