package io.devsanctum.common.contract.provisioner;

/** Everything needed to create a workspace's container on its host; the names feed its environment. */
public record ContainerRequest(WorkspaceOnHost workspace, String ownerName, String workspaceName, ContainerSpec spec) {
}
