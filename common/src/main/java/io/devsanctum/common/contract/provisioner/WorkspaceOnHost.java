package io.devsanctum.common.contract.provisioner;

/** The ids that name a workspace's Docker objects on its host, and label them. */
public record WorkspaceOnHost(String hostId, String workspaceId, String ownerId, String templateVersionId) {
}
