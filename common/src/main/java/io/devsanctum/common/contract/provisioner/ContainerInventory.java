package io.devsanctum.common.contract.provisioner;

import java.util.List;

/** The managed containers on every host that answered, and the hosts that did not (never guessed empty). */
public record ContainerInventory(List<ManagedContainer> containers, List<String> unreachableHosts) {

  public ContainerInventory {
    containers = List.copyOf(containers);
    unreachableHosts = List.copyOf(unreachableHosts);
  }
}
