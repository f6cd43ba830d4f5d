package io.devsanctum.provisioner;

import static io.devsanctum.provisioner.ProvisionerBus.SERVICE;
import static io.devsanctum.provisioner.ProvisionerBus.await;
import static io.devsanctum.provisioner.ProvisionerBus.containerRequest;
import static io.devsanctum.provisioner.ProvisionerBus.refusal;
import static io.devsanctum.provisioner.ProvisionerBus.workspace;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import io.devsanctum.common.bus.Addresses;
import io.devsanctum.common.bus.BusFailure;
import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.bus.ErrorCode;
import io.devsanctum.common.contract.auth.Role;
import io.devsanctum.common.contract.provisioner.ContainerInventory;
import io.devsanctum.common.contract.provisioner.ContainerRequest;
import io.devsanctum.common.contract.provisioner.ContainerStatus;
import io.devsanctum.common.contract.provisioner.DockerHostStatus;
import io.devsanctum.common.contract.provisioner.EnsuredContainer;
import io.devsanctum.common.contract.provisioner.HomeVolume;
import io.devsanctum.common.contract.provisioner.ManagedContainer;
import io.devsanctum.common.contract.provisioner.ProvisionerContract;
import io.devsanctum.common.contract.provisioner.PublishedApp;
import io.devsanctum.common.contract.provisioner.WorkspaceOnHost;
import io.devsanctum.provisioner.service.WorkspaceResources;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One Docker host (the local daemon): a workspace's resources from ensure to remove, against real Docker. */
class WorkspaceResourcesOnDockerTest {

  private static final String HOST = "local";

  private static TestDocker docker;
  private static ProvisionerBus bus;
  private static ProvisionerContract provisioner;

  @BeforeAll
  static void deploy() throws Exception {
    docker = TestDocker.connect();
    bus = ProvisionerBus.deploy(Map.of("DEVSANCTUM_DOCKER_HOSTS", HOST + "=unix://" + TestDocker.SOCKET));
    provisioner = bus.provisioner();
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
    HomeVolume volume = await(provisioner.ensureVolume(SERVICE, workspace(HOST, ws, owner)));
    String network = await(provisioner.ensureNetwork(SERVICE, HOST, owner));
    String containerId = await(provisioner.ensureContainer(SERVICE, containerRequest(HOST, ws, owner, TestDocker.IMAGE)))
        .containerId();
    assertThat(volume.name()).isEqualTo("devsanctum-home-" + ws);
    assertThat(network).isEqualTo("devsanctum-owner-" + owner);
    assertThat(docker.inspectContainer(containerId)).get()
        .extracting(c -> c.getName()).isEqualTo("/devsanctum-ws-" + ws);

    ContainerStatus started = await(provisioner.start(SERVICE, HOST, ws));
    assertThat(started.containerId()).isEqualTo(containerId);
    PublishedApp app = started.apps().get(0);
    assertThat(app.name()).isEqualTo("web");
    assertThat(app.upstreamUrl()).startsWith("http://127.0.0.1:");
    assertThat(httpGet(app.upstreamUrl())).contains("DevSanctum workspace ws-" + ws).contains("alice");

    assertThat(docker.exec(containerId, "sh", "-c", "echo kept > /home/coder/proof.txt").exitCode()).isZero();
    await(provisioner.stop(SERVICE, HOST, ws));
    ContainerStatus stopped = await(provisioner.status(SERVICE, HOST, ws));
    assertThat(stopped.exists()).isTrue();
    assertThat(stopped.running()).isFalse();
    assertThat(stopped.exitCode()).isNotNull();
    await(provisioner.stop(SERVICE, HOST, ws)); // stopping a stopped workspace is fine

    ContainerStatus restarted = await(provisioner.start(SERVICE, HOST, ws));
    assertThat(restarted.running()).isTrue();
    assertThat(docker.exec(containerId, "cat", "/home/coder/proof.txt").output()).isEqualTo("kept\n");
    assertThat(httpGet(restarted.apps().get(0).upstreamUrl())).contains(ws);

    await(provisioner.remove(SERVICE, workspace(HOST, ws, owner)));
    assertThat(docker.inspectContainer(containerId)).isEmpty();
    assertThat(docker.volumeExists("devsanctum-home-" + ws)).isFalse();
    assertThat(docker.networkExists("devsanctum-owner-" + owner)).isFalse();
    await(provisioner.remove(SERVICE, workspace(HOST, ws, owner))); // removing again is fine
    assertThat(await(provisioner.status(SERVICE, HOST, ws)).exists()).isFalse();
  }

  @Test
  void aContainerOfAnotherDefinitionIsReplacedKeepingTheHomeWhileOneOfTheSameDefinitionIsKept() throws Exception {
    String owner = docker.newOwner();
    String ws = "ws-" + TestDocker.shortId();
    ContainerRequest first = containerRequest(HOST, ws, owner, TestDocker.IMAGE);
    ContainerRequest changed = containerRequest(HOST, ws, owner,
        ProvisionerBus.spec(TestDocker.IMAGE, null, Map.of("GREETING", "changed")));
    EnsuredContainer created = await(provisioner.ensureContainer(SERVICE, first));
    String original = created.containerId();
    await(provisioner.start(SERVICE, HOST, ws));
    assertThat(docker.exec(original, "sh", "-c", "echo kept > /home/coder/proof.txt").exitCode()).isZero();

    EnsuredContainer same = await(provisioner.ensureContainer(SERVICE, first));
    EnsuredContainer replaced = await(provisioner.ensureContainer(SERVICE, changed));
    EnsuredContainer again = await(provisioner.ensureContainer(SERVICE, changed));

    assertThat(created.replaced()).isFalse();
    assertThat(same).isEqualTo(new EnsuredContainer(original, false));
    assertThat(replaced.replaced()).as("replaced even while it ran").isTrue();
    assertThat(replaced.containerId()).isNotEqualTo(original);
    assertThat(docker.inspectContainer(original)).isEmpty();
    assertThat(again).isEqualTo(new EnsuredContainer(replaced.containerId(), false));
    String container = await(provisioner.start(SERVICE, HOST, ws)).containerId();
    assertThat(docker.exec(container, "sh", "-c", "echo $GREETING").output()).isEqualTo("changed\n");
    assertThat(docker.exec(container, "cat", "/home/coder/proof.txt").output()).isEqualTo("kept\n");
  }

  @Test
  void createdContainerIsHardenedLabelledAndPublishesOnlyOnLoopback() throws Exception {
    String owner = docker.newOwner();
    String ws = "ws-" + TestDocker.shortId();
    String containerId = await(provisioner.ensureContainer(SERVICE, containerRequest(HOST, ws, owner, TestDocker.IMAGE)))
        .containerId();
    await(provisioner.start(SERVICE, HOST, ws));

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
    ContainerRequest request = containerRequest(HOST, ws, owner, TestDocker.IMAGE);
    List<Future<String>> concurrent = IntStream.range(0, 10)
        .mapToObj(i -> provisioner.ensureContainer(SERVICE, request).map(EnsuredContainer::containerId))
        .toList();
    List<String> ids = await(Future.all(concurrent)).list();

    assertThat(ids).hasSize(10).containsOnly(ids.get(0));
    assertThat(docker.containersOfWorkspace(ws)).singleElement()
        .satisfies(c -> assertThat(c.getId()).isEqualTo(ids.get(0)));
    assertThat(await(provisioner.ensureContainer(SERVICE, request)).containerId()).isEqualTo(ids.get(0));
    assertThat(await(provisioner.ensureVolume(SERVICE, workspace(HOST, ws, owner))))
        .isEqualTo(await(provisioner.ensureVolume(SERVICE, workspace(HOST, ws, owner))));
    assertThat(await(provisioner.ensureNetwork(SERVICE, HOST, owner)))
        .isEqualTo(await(provisioner.ensureNetwork(SERVICE, HOST, owner)));
    assertThat(docker.client().listNetworksCmd().withNameFilter("devsanctum-owner-" + owner).exec()).hasSize(1);

    ContainerStatus first = await(provisioner.start(SERVICE, HOST, ws));
    assertThat(await(provisioner.start(SERVICE, HOST, ws))).isEqualTo(first);
  }

  @Test
  void missingImageFailsUnprocessableNamingImageHostAndRegistryInWordsAndLeavesNothingBehind() throws Exception {
    String owner = docker.newOwner();
    String ws = "ws-" + TestDocker.shortId();
    String image = "devsanctum/no-such-image-" + TestDocker.shortId() + ":1";

    BusFailure failure = refusal(provisioner.ensureContainer(SERVICE, containerRequest(HOST, ws, owner, image)));

    assertThat(failure.errorCode()).isEqualTo(ErrorCode.UNPROCESSABLE);
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
        .withLabels(WorkspaceResources.workspaceLabels(new WorkspaceOnHost(HOST, orphanWorkspace, owner, "tv-9")))
        .exec().getId());

    ContainerInventory listed = await(provisioner.inventory(SERVICE));
    assertThat(listed.unreachableHosts()).isEmpty();
    assertThat(listed.containers()).filteredOn(c -> orphan.equals(c.containerId()))
        .containsExactly(new ManagedContainer(HOST, orphan, orphanWorkspace, owner, "tv-9", false));

    await(provisioner.removeOrphan(SERVICE, HOST, orphan));
    assertThat(docker.inspectContainer(orphan)).isEmpty();
    await(provisioner.removeOrphan(SERVICE, HOST, orphan)); // already gone is fine
  }

  @Test
  void removeOrphanRefusesAContainerDevSanctumDoesNotManage() throws Exception {
    String foreign = docker.track(docker.client().createContainerCmd(TestDocker.IMAGE)
        .withLabels(Map.of("devsanctum.test", "foreign")).exec().getId());

    BusFailure failure = refusal(provisioner.removeOrphan(SERVICE, HOST, foreign));

    assertThat(failure.errorCode()).isEqualTo(ErrorCode.UNPROCESSABLE);
    assertThat(docker.inspectContainer(foreign)).isPresent();
  }

  @Test
  void unknownHostIsNotFoundAndBadRequestsAreValidationErrors() throws Exception {
    BusFailure unknown = refusal(provisioner.status(SERVICE, "nowhere", "ws-1"));
    assertThat(unknown.errorCode()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(unknown.getMessage()).contains("nowhere");

    BusFailure noSpec = refusal(provisioner.ensureContainer(SERVICE,
        new ContainerRequest(workspace(HOST, "ws-1", "o-1"), "alice", "ws-1", null)));
    assertThat(noSpec.errorCode()).isEqualTo(ErrorCode.VALIDATION);
    assertThat(refusal(provisioner.status(SERVICE, HOST, "../etc")).errorCode()).isEqualTo(ErrorCode.VALIDATION);
  }

  @Test
  void aCallThatDoesNotComeFromAServiceOrAnAdminIsRefused() throws Exception {
    String owner = docker.newOwner();
    Caller member = new Caller(UUID.randomUUID(), Role.MEMBER, "mallory");

    BusFailure forged = refusal(provisioner.ensureNetwork(member, HOST, owner));
    BusFailure inventory = refusal(provisioner.inventory(member));

    assertThat(forged.errorCode()).isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(inventory.errorCode()).isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(docker.networkExists("devsanctum-owner-" + owner)).isFalse();
    assertThat(await(provisioner.hosts(new Caller(UUID.randomUUID(), Role.OWNER, "root"))))
        .extracting(DockerHostStatus::id).containsExactly(HOST);
  }

  @Test
  void healthIsUpAndDockerCallsAreTimedPerHostOperationAndOutcome() throws Exception {
    JsonObject health = await(bus.runtime().vertx().eventBus().<JsonObject>request(
        Addresses.health(Addresses.PROVISIONER), new JsonObject())).body();
    assertThat(health.getJsonObject("checks").getString("docker")).isEqualTo("UP");
    assertThat(await(provisioner.place(SERVICE))).isEqualTo(HOST);

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
