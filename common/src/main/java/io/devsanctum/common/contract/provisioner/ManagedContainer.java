package io.devsanctum.common.contract.provisioner;

/** A container DevSanctum created, as its labels identify it. */
public record ManagedContainer(String hostId, String containerId, String workspaceId, String ownerId,
    String templateVersionId, boolean running) {
}
