package io.devsanctum.provisioner.model;

/** Everything needed to create a workspace's container on a host. */
public record ContainerRequest(
    String hostId,
    String workspaceId,
    String ownerId,
    String ownerName,
    String workspaceName,
    String templateVersionId,
    ContainerSpec spec) {
}
