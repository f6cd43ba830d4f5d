package io.devsanctum.workspace.model;

import java.util.List;

/** What the Docker host says about a workspace's container. */
public record ContainerStatus(boolean exists, boolean running, Integer exitCode, List<RunningApp> apps) {
}
