package io.devsanctum.common.contract.provisioner;

/** A workspace's container as ensure-container left it: its id, and whether an outdated one was replaced. */
public record EnsuredContainer(String containerId, boolean replaced) {
}
