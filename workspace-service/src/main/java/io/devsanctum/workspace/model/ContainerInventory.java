package io.devsanctum.workspace.model;

import java.util.List;
import java.util.Set;

/** Every managed container on the hosts that answered, and the hosts that did not. */
public record ContainerInventory(List<ManagedContainer> containers, Set<String> unreachableHosts) {
}
