package io.devsanctum.workspace.model;

import java.util.UUID;

/** A container carrying the platform's labels, as found on a Docker host. */
public record ManagedContainer(String hostId, UUID workspaceId, String containerId, boolean running) {
}
