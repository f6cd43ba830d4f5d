package io.devsanctum.provisioner.model;

/** A container DevSanctum created, identified by its labels. */
public record ManagedContainer(
    String hostId, String containerId, String workspaceId, String ownerId, String templateVersionId, boolean running) {
}
