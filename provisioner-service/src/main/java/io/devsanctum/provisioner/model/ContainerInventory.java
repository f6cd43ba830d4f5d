package io.devsanctum.provisioner.model;

import java.util.List;

/** Managed containers on every host that answered, and the hosts that did not. */
public record ContainerInventory(List<ManagedContainer> containers, List<String> unreachableHosts) {
}
