package io.devsanctum.provisioner.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.devsanctum.provisioner.model.DockerHost;
import io.devsanctum.provisioner.model.HostCapacity;
import io.devsanctum.provisioner.model.HostStatus;
import io.devsanctum.provisioner.model.SubnetPool;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlacementPolicyTest {

  @Test
  void picksTheHealthyHostRunningFewestWorkspacesAndBreaksTiesById() {
    HostStatus busy = healthy("a", 3);
    HostStatus idleB = healthy("b", 1);
    HostStatus idleC = healthy("c", 1);
    HostStatus down = HostStatus.unhealthy(host("d"), "unreachable");

    assertThat(PlacementPolicy.choose(List.of(down, idleC, busy, idleB))).contains(idleB);
  }

  @Test
  void placesNowhereWhenNoHostIsHealthy() {
    assertThat(PlacementPolicy.choose(List.of(HostStatus.unhealthy(host("a"), "down")))).isEmpty();
  }

  private static HostStatus healthy(String id, int workspaces) {
    return HostStatus.healthy(host(id), new HostCapacity(2, 1L << 30), workspaces);
  }

  private static DockerHost host(String id) {
    return new DockerHost(id, URI.create("unix:///var/run/docker.sock"), null, "127.0.0.1", SubnetPool.DEFAULT);
  }
}
