package io.devsanctum.common.contract.provisioner;

/**
 * A Docker host as its last health check found it.
 *
 * @param endpoint       how the provisioner reaches its engine ({@code unix:///…} or {@code tcp://…})
 * @param publishAddress where workspace ports are published, and the proxy reaches them
 * @param error          why it is unhealthy; absent when healthy
 * @param workspaces     running workspace containers on it (its load)
 */
public record DockerHostStatus(String id, String endpoint, String publishAddress, boolean healthy, String error,
    int workspaces, int cpus, long memoryBytes) {
}
