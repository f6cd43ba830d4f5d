package io.devsanctum.provisioner;

import static io.devsanctum.provisioner.ProvisionerBus.SERVICE;
import static io.devsanctum.provisioner.ProvisionerBus.await;
import static io.devsanctum.provisioner.ProvisionerBus.containerRequest;
import static org.assertj.core.api.Assertions.assertThat;

import io.devsanctum.common.contract.provisioner.ContainerStatus;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each owner's workspaces share one network; other owners' workspaces cannot reach them. */
class OwnerNetworkIsolationTest {

  private static final String HOST = "local";

  private static TestDocker docker;
  private static ProvisionerBus bus;

  @BeforeAll
  static void deploy() throws Exception {
    docker = TestDocker.connect();
    bus = ProvisionerBus.deploy(Map.of("DEVSANCTUM_DOCKER_HOSTS", HOST + "=unix://" + TestDocker.SOCKET));
  }

  @AfterAll
  static void close() throws Exception {
    bus.close();
    docker.close();
  }

  @Test
  void anotherOwnersContainerCannotReachAWorkspaceThatItsOwnersOtherWorkspaceReaches() throws Exception {
    String ownerA = docker.newOwner();
    String ownerB = docker.newOwner();
    String intruder = startWorkspace(ownerA);
    String target = startWorkspace(ownerB);
    String neighbour = startWorkspace(ownerB);
    String targetIp = docker.inspectContainer(target).orElseThrow().getNetworkSettings().getNetworks()
        .get("devsanctum-owner-" + ownerB).getIpAddress();
    // busybox `timeout`, because this busybox's own `wget -T` crashes (exit 139)
    String[] fetch = {"timeout", "3", "wget", "-q", "-O-", "http://" + targetIp + ":8080/"};

    TestDocker.ExecResult fromSameOwner = docker.exec(neighbour, fetch);
    TestDocker.ExecResult fromOtherOwner = docker.exec(intruder, fetch);

    assertThat(fromSameOwner.exitCode()).as("same owner: " + fromSameOwner.output()).isZero();
    assertThat(fromSameOwner.output()).contains("DevSanctum workspace");
    assertThat(fromOtherOwner.exitCode()).as("other owner: " + fromOtherOwner.output()).isNotZero();
    assertThat(fromOtherOwner.output()).doesNotContain("DevSanctum workspace");
  }

  /** Ensures and starts a workspace of the owner; its container id. */
  private static String startWorkspace(String owner) throws Exception {
    String ws = "ws-" + TestDocker.shortId();
    await(bus.provisioner().ensureContainer(SERVICE, containerRequest(HOST, ws, owner, TestDocker.IMAGE)));
    ContainerStatus started = await(bus.provisioner().start(SERVICE, HOST, ws));
    WorkspaceResourcesOnDockerTest.httpGet(started.apps().get(0).upstreamUrl()); // serving before it is probed
    return started.containerId();
  }
}
