package io.devsanctum.standalone.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.devsanctum.standalone.api.Docker;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the engine holds under one Docker host id, counted by workspace (containers, home volumes)
 * and by owner (networks): what the fault tests hold against the workspaces that exist.
 */
record DockerInventory(Map<String, Integer> containers, Map<String, Integer> volumes, Map<String, Integer> networks) {

  static DockerInventory of(String hostId) {
    String label = "label=devsanctum.host_id=" + hostId;
    return new DockerInventory(
        count(Docker.docker("ps", "-a", "--filter", label, "--format", "{{.Label \"devsanctum.workspace_id\"}}")),
        count(Docker.docker("volume", "ls", "--filter", label, "--format", "{{.Label \"devsanctum.workspace_id\"}}")),
        count(Docker.docker("network", "ls", "--filter", label, "--format", "{{.Label \"devsanctum.owner_id\"}}")));
  }

  /** Exactly one container and one home volume per live workspace, one network per owner, nothing else. */
  void assertMatches(Set<String> liveWorkspaces, Set<String> liveOwners) {
    assertThat(containers.keySet()).as("containers: one per live workspace, no orphan").isEqualTo(liveWorkspaces);
    assertThat(containers.values()).as("no duplicate container").allMatch(n -> n == 1);
    assertThat(volumes.keySet()).as("home volumes: one per live workspace, no orphan").isEqualTo(liveWorkspaces);
    assertThat(volumes.values()).as("no duplicate volume").allMatch(n -> n == 1);
    assertThat(networks.keySet()).as("networks: only of owners with workspaces").isEqualTo(liveOwners);
    assertThat(networks.values()).as("no duplicate network").allMatch(n -> n == 1);
  }

  private static Map<String, Integer> count(String lines) {
    Map<String, Integer> counts = new TreeMap<>();
    Docker.lines(lines).forEach(key -> counts.merge(key.strip(), 1, Integer::sum));
    return counts;
  }
}
