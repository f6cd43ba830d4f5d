package io.devsanctum.provisioner;

import static io.devsanctum.provisioner.ProvisionerBus.containerRequest;
import static io.devsanctum.provisioner.ProvisionerBus.workspace;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import io.devsanctum.common.bus.Addresses;
import io.devsanctum.common.bus.ErrorCode;
import io.devsanctum.common.bus.ProvisionerContract;
import io.devsanctum.provisioner.service.WorkspaceResources;
import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One Docker host (the local daemon): a workspace's resources from ensure to remove, against real Docker. */
class WorkspaceLifecycleTest {

  private static final String HOST = "local";

  private static TestDocker docker;
  private static ProvisionerBus bus;

  @BeforeAll
  static void deploy() throws Exception {
    docker = TestDocker.connect();
    bus = ProvisionerBus.deploy(Map.of("DEVSANCTUM_DOCKER_HOSTS", HOST + "=unix://" + TestDocker.SOCKET));
  }

  @AfterEach
  void removeWhatTheTestCreated() {
    docker.cleanUp();
  }

  @AfterAll
  static void close() throws Exception {
    bus.close();
    docker.close();
  }

  @Test
  void startedWorkspaceServesItsAppOnLoopbackKeepsItsHomeAcrossRestartAndIsRemovedCompletely() throws Exception {
    String owner = docker.newOwner();
    String ws = "ws-" + TestDocker.shortId();
    JsonObject volume = bus.request(ProvisionerContract.VOLUME_ENSURE, new JsonObject()
        .put("hostId", HOST).put("workspaceId", ws).put("ownerId", owner).put("templateVersionId", "tv-1"));
    JsonObject network = bus.request(ProvisionerContract.NETWORK_ENSURE,
        new JsonObject().put("hostId", HOST).put("ownerId", owner));
    String containerId = bus.request(ProvisionerContract.CONTAINER_ENSURE,
        containerRequest(HOST, ws, owner, TestDocker.IMAGE)).getString("containerId");
    assertThat(volume.getString("volume")).isEqualTo("devsanctum-home-" + ws);
    assertThat(network.getString("network")).isEqualTo("devsanctum-owner-" + owner);
    assertThat(docker.inspectContainer(containerId)).get()
        .extracting(c -> c.getName()).isEqualTo("/devsanctum-ws-" + ws);

    JsonObject started = bus.request(ProvisionerContract.CONTAINER_START, workspace(HOST, ws));
    assertThat(started.getString("containerId")).isEqualTo(containerId);
    JsonObject app = started.getJsonArray("apps").getJsonObject(0);
    assertThat(app.getString("name")).isEqualTo("web");
    assertThat(app.getString("upstreamUrl")).startsWith("http://127.0.0.1:");
    assertThat(httpGet(app.getString("upstreamUrl"))).contains("DevSanctum workspace ws-" + ws).contains("alice");

    assertThat(docker.exec(containerId, "sh", "-c", "echo kept > /home/coder/proof.txt").exitCode()).isZero();
    bus.request(ProvisionerContract.CONTAINER_STOP, workspace(HOST, ws));
    JsonObject stopped = bus.request(ProvisionerContract.CONTAINER_STATUS, workspace(HOST, ws));
    assertThat(stopped.getBoolean("exists")).isTrue();
    assertThat(stopped.getBoolean("running")).isFalse();
    assertThat(stopped.containsKey("exitCode")).isTrue();
    bus.request(ProvisionerContract.CONTAINER_STOP, workspace(HOST, ws)); // stopping a stopped workspace is fine

    JsonObject restarted = bus.request(ProvisionerContract.CONTAINER_START, workspace(HOST, ws));
    assertThat(restarted.getBoolean("running")).isTrue();
    assertThat(docker.exec(containerId, "cat", "/home/coder/proof.txt").output()).isEqualTo("kept\n");
    assertThat(httpGet(restarted.getJsonArray("apps").getJsonObject(0).getString("upstreamUrl"))).contains(ws);

    JsonObject remove = new JsonObject().put("hostId", HOST).put("workspaceId", ws).put("ownerId", owner);
    bus.request(ProvisionerContract.WORKSPACE_REMOVE, remove);
    assertThat(docker.inspectContainer(containerId)).isEmpty();
    assertThat(docker.volumeExists("devsanctum-home-" + ws)).isFalse();
    assertThat(docker.networkExists("devsanctum-owner-" + owner)).isFalse();
    bus.request(ProvisionerContract.WORKSPACE_REMOVE, remove); // removing again is fine
    assertThat(bus.request(ProvisionerContract.CONTAINER_STATUS, workspace(HOST, ws)).getBoolean("exists")).isFalse();
  }

  @Test
  void aContainerOfAnotherDefinitionIsReplacedKeepingTheHomeWhileOneOfTheSameDefinitionIsKept() throws Exception {
    String owner = docker.newOwner();
    String ws = "ws-" + TestDocker.shortId();
    JsonObject first = containerRequest(HOST, ws, owner, TestDocker.IMAGE);
    JsonObject changed = containerRequest(HOST, ws, owner, TestDocker.IMAGE);
    changed.getJsonObject("spec").getJsonObject("env").put("GREETING", "changed");
    JsonObject created = bus.request(ProvisionerContract.CONTAINER_ENSURE, first);
    String original = created.getString("containerId");
    bus.request(ProvisionerContract.CONTAINER_START, workspace(HOST, ws));
    assertThat(docker.exec(original, "sh", "-c", "echo kept > /home/coder/proof.txt").exitCode()).isZero();

    JsonObject same = bus.request(ProvisionerContract.CONTAINER_ENSURE, first);
    JsonObject replaced = bus.request(ProvisionerContract.CONTAINER_ENSURE, changed);
    JsonObject again = bus.request(ProvisionerContract.CONTAINER_ENSURE, changed);

    assertThat(created.getBoolean("replaced")).isFalse();
    assertThat(same.getString("containerId")).isEqualTo(original);
    assertThat(same.getBoolean("replaced")).isFalse();
    assertThat(replaced.getBoolean("replaced")).as("replaced even while it ran").isTrue();
    assertThat(replaced.getString("containerId")).isNotEqualTo(original);
    assertThat(docker.inspectContainer(original)).isEmpty();
    assertThat(again.getString("containerId")).isEqualTo(replaced.getString("containerId"));
    assertThat(again.getBoolean("replaced")).isFalse();
    String container = bus.request(ProvisionerContract.CONTAINER_START, workspace(HOST, ws)).getString("containerId");
    assertThat(docker.exec(container, "sh", "-c", "echo $GREETING").output()).isEqualTo("changed\n");
    assertThat(docker.exec(container, "cat", "/home/coder/proof.txt").output()).isEqualTo("kept\n");
  }

  @Test
  void createdContainerIsHardenedLabelledAndPublishesOnlyOnLoopback() throws Exception {
    String owner = docker.newOwner();
    String ws = "ws-" + TestDocker.shortId();
    String containerId = bus.request(ProvisionerContract.CONTAINER_ENSURE,
        containerRequest(HOST, ws, owner, TestDocker.IMAGE)).getString("containerId");
    bus.request(ProvisionerContract.CONTAINER_START, workspace(HOST, ws));

    InspectContainerResponse container = docker.inspectContainer(containerId).orElseThrow();
    HostConfig host = container.getHostConfig();
    assertThat(host.getPrivileged()).isFalse();
    assertThat(host.getCapDrop()).containsExactly(Capability.ALL);
    assertThat(host.getCapAdd()).containsExactlyInAnyOrder(Capability.CHOWN, Capability.DAC_OVERRIDE,
        Capability.FOWNER, Capability.SETUID, Capability.SETGID, Capability.KILL, Capability.NET_BIND_SERVICE);
    assertThat(host.getSecurityOpts()).contains("no-new-privileges");
    assertThat(host.getMemory()).isEqualTo(64L * 1024 * 1024);
    assertThat(host.getNanoCPUs()).isEqualTo(500_000_000L);
    assertThat(host.getPidsLimit()).isEqualTo(128L);
    assertThat(host.getRestartPolicy().getName()).isIn("no", "");
    assertThat(host.getInit()).isTrue();
    assertThat(host.getNetworkMode()).isEqualTo("devsanctum-owner-" + owner);
    assertThat(host.getBinds()).isNullOrEmpty();
    assertThat(container.getMounts()).singleElement().satisfies(mount -> {
      assertThat(mount.getName()).isEqualTo("devsanctum-home-" + ws);
      assertThat(mount.getDestination().getPath()).isEqualTo("/home/coder");
      assertThat(mount.getSource()).doesNotContain("docker.sock");
    });
    assertThat(allBindings(host.getPortBindings())).isNotEmpty()
        .allSatisfy(binding -> assertThat(binding.getHostIp()).isEqualTo("127.0.0.1"));
    assertThat(allBindings(container.getNetworkSettings().getPorts())).isNotEmpty()
        .allSatisfy(binding -> assertThat(binding.getHostIp()).isEqualTo("127.0.0.1"));
    assertThat(container.getNetworkSettings().getNetworks()).containsOnlyKeys("devsanctum-owner-" + owner);

    assertThat(container.getConfig().getLabels()).containsAllEntriesOf(Map.of(
        WorkspaceResources.MANAGED, "true", WorkspaceResources.WORKSPACE_ID, ws,
        WorkspaceResources.OWNER_ID, owner, WorkspaceResources.TEMPLATE_VERSION, "tv-1",
        WorkspaceResources.HOST_ID, HOST));
    assertThat(container.getConfig().getEnv()).contains("GREETING=hello", "DEVSANCTUM_WORKSPACE_ID=" + ws,
        "DEVSANCTUM_WORKSPACE_NAME=ws-" + ws, "DEVSANCTUM_OWNER_NAME=alice", "DEVSANCTUM_APP_PORT=8080");
    assertThat(docker.client().inspectVolumeCmd("devsanctum-home-" + ws).exec().getLabels())
        .containsEntry(WorkspaceResources.WORKSPACE_ID, ws).containsEntry(WorkspaceResources.HOST_ID, HOST);
    var network = docker.client().inspectNetworkCmd().withNetworkId("devsanctum-owner-" + owner).exec();
    assertThat(network.getLabels()).containsEntry(WorkspaceResources.OWNER_ID, owner)
        .containsEntry(WorkspaceResources.MANAGED, "true").containsEntry(WorkspaceResources.HOST_ID, HOST);
    assertThat(network.getOptions()).containsEntry("com.docker.network.bridge.host_binding_ipv4", "127.0.0.1")
        .containsEntry("com.docker.network.driver.mtu", "1400");
    assertThat(network.getInternal()).isFalse();
  }

  @Test
  void ensuresAreIdempotentAndTenConcurrentContainerEnsuresCreateOneContainer() throws Exception {
    String owner = docker.newOwner();
    String ws = "ws-" + TestDocker.shortId();
    JsonObject request = containerRequest(HOST, ws, owner, TestDocker.IMAGE);
    List<Future<String>> concurrent = IntStream.range(0, 10)
        .mapToObj(i -> bus.send(ProvisionerContract.CONTAINER_ENSURE, request)
            .map(reply -> reply.body().getString("containerId")))
        .toList();
    List<String> ids = ProvisionerBus.await(Future.all(concurrent)).list();

    assertThat(ids).hasSize(10).containsOnly(ids.get(0));
    assertThat(docker.containersOfWorkspace(ws)).singleElement()
        .satisfies(c -> assertThat(c.getId()).isEqualTo(ids.get(0)));
    assertThat(bus.request(ProvisionerContract.CONTAINER_ENSURE, request).getString("containerId")).isEqualTo(ids.get(0));
    JsonObject volume = new JsonObject().put("hostId", HOST).put("workspaceId", ws).put("ownerId", owner)
        .put("templateVersionId", "tv-1");
    assertThat(bus.request(ProvisionerContract.VOLUME_ENSURE, volume))
        .isEqualTo(bus.request(ProvisionerContract.VOLUME_ENSURE, volume));
    JsonObject network = new JsonObject().put("hostId", HOST).put("ownerId", owner);
    assertThat(bus.request(ProvisionerContract.NETWORK_ENSURE, network))
        .isEqualTo(bus.request(ProvisionerContract.NETWORK_ENSURE, network));
    assertThat(docker.client().listNetworksCmd().withNameFilter("devsanctum-owner-" + owner).exec()).hasSize(1);

    JsonObject first = bus.request(ProvisionerContract.CONTAINER_START, workspace(HOST, ws));
    assertThat(bus.request(ProvisionerContract.CONTAINER_START, workspace(HOST, ws))).isEqualTo(first);
  }

  @Test
  void missingImageFailsUnprocessableNamingImageHostAndRegistryInWordsAndLeavesNothingBehind() throws Exception {
    String owner = docker.newOwner();
    String ws = "ws-" + TestDocker.shortId();
    String image = "devsanctum/no-such-image-" + TestDocker.shortId() + ":1";

    ReplyException failure = bus.failure(ProvisionerContract.CONTAINER_ENSURE, containerRequest(HOST, ws, owner, image));

    assertThat(ErrorCode.of(failure)).isEqualTo(ErrorCode.UNPROCESSABLE);
    assertThat(failure.getMessage()).isEqualTo("image '" + image + "' is not on Docker host '" + HOST + "' and pulling"
        + " it from Docker Hub failed; build it on that host or push it to a registry the host can reach");
    assertThat(docker.containersOfWorkspace(ws)).isEmpty();
    assertThat(docker.volumeExists("devsanctum-home-" + ws)).isFalse();
    assertThat(docker.networkExists("devsanctum-owner-" + owner)).isFalse();
  }

  @Test
  void containersListShowsALabelledContainerAndRemoveOrphanRemovesIt() throws Exception {
    String owner = docker.newOwner();
    String orphanWorkspace = "gone-" + TestDocker.shortId();
    String orphan = docker.track(docker.client().createContainerCmd(TestDocker.IMAGE)
        .withLabels(WorkspaceResources.workspaceLabels(HOST, orphanWorkspace, owner, "tv-9"))
        .exec().getId());

    JsonObject listed = bus.request(ProvisionerContract.CONTAINERS_LIST, new JsonObject());
    assertThat(listed.getJsonArray("unreachableHosts")).isEmpty();
    assertThat(listed.getJsonArray("containers").stream().map(JsonObject.class::cast)
        .filter(c -> orphan.equals(c.getString("containerId"))))
        .singleElement()
        .isEqualTo(new JsonObject().put("hostId", HOST).put("containerId", orphan).put("workspaceId", orphanWorkspace)
            .put("ownerId", owner).put("templateVersionId", "tv-9").put("running", false));

    JsonObject removeOrphan = new JsonObject().put("hostId", HOST).put("containerId", orphan);
    bus.request(ProvisionerContract.CONTAINER_REMOVE_ORPHAN, removeOrphan);
    assertThat(docker.inspectContainer(orphan)).isEmpty();
    bus.request(ProvisionerContract.CONTAINER_REMOVE_ORPHAN, removeOrphan); // already gone is fine
  }

  @Test
  void removeOrphanRefusesAContainerDevSanctumDoesNotManage() throws Exception {
    String foreign = docker.track(docker.client().createContainerCmd(TestDocker.IMAGE)
        .withLabels(Map.of("devsanctum.test", "foreign")).exec().getId());

    ReplyException failure = bus.failure(ProvisionerContract.CONTAINER_REMOVE_ORPHAN,
        new JsonObject().put("hostId", HOST).put("containerId", foreign));

    assertThat(ErrorCode.of(failure)).isEqualTo(ErrorCode.UNPROCESSABLE);
    assertThat(docker.inspectContainer(foreign)).isPresent();
  }

  @Test
  void unknownHostIsNotFoundAndBadRequestsAreValidationErrors() throws Exception {
    ReplyException unknown = bus.failure(ProvisionerContract.CONTAINER_STATUS, workspace("nowhere", "ws-1"));
    assertThat(ErrorCode.of(unknown)).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(unknown.getMessage()).contains("nowhere");

    JsonObject noSpec = containerRequest(HOST, "ws-1", "o-1", TestDocker.IMAGE);
    noSpec.remove("spec");
    assertThat(ErrorCode.of(bus.failure(ProvisionerContract.CONTAINER_ENSURE, noSpec))).isEqualTo(ErrorCode.VALIDATION);
    assertThat(ErrorCode.of(bus.failure(ProvisionerContract.CONTAINER_STATUS, workspace(HOST, "../etc"))))
        .isEqualTo(ErrorCode.VALIDATION);
  }

  @Test
  void healthIsUpAndDockerCallsAreTimedPerHostOperationAndOutcome() throws Exception {
    JsonObject health = bus.request(Addresses.health(Addresses.PROVISIONER), new JsonObject());
    assertThat(health.getJsonObject("checks").getString("docker")).isEqualTo("UP");
    assertThat(bus.request(ProvisionerContract.HOSTS_PLACE, new JsonObject()).getString("hostId")).isEqualTo(HOST);

    var registry = bus.runtime().meterRegistry();
    assertThat(registry.get("devsanctum.docker.host.healthy").tag("host", HOST).gauge().value()).isEqualTo(1.0);
    assertThat(registry.get("devsanctum.docker.call")
        .tags("host", HOST, "operation", "probe", "outcome", "success").timer().count()).isPositive();
  }

  private static List<Ports.Binding> allBindings(Ports ports) {
    return ports.getBindings().values().stream().filter(b -> b != null).flatMap(Arrays::stream).toList();
  }

  /** The page at url, waiting up to 10 s for the server in the container to listen. */
  static String httpGet(String url) throws Exception {
    HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      try {
        HttpResponse<String> response = http.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return response.body();
        }
      } catch (java.io.IOException notListeningYet) {
        // retried until the deadline
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no HTTP 200 from " + url + " within 10 s");
      }
      Thread.sleep(100);
    }
  }
}
