package io.devsanctum.provisioner.service;

import io.devsanctum.provisioner.model.HostStatus;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Where a new workspace goes: the healthy host running the fewest workspaces, ties broken by id. */
public final class PlacementPolicy {

  private PlacementPolicy() {
  }

  public static Optional<HostStatus> choose(List<HostStatus> hosts) {
    return hosts.stream()
        .filter(HostStatus::healthy)
        .min(Comparator.comparingInt(HostStatus::workspaces).thenComparing(HostStatus::id));
  }
}
