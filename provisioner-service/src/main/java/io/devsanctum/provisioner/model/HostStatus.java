package io.devsanctum.provisioner.model;

/**
 * The last health check of a host.
 *
 * @param error      why it is unhealthy; null when healthy
 * @param workspaces running workspace containers labelled with this host's id (its load)
 */
public record HostStatus(DockerHost host, boolean healthy, String error, int workspaces, int cpus, long memoryBytes) {

  public static HostStatus healthy(DockerHost host, HostCapacity capacity, int workspaces) {
    return new HostStatus(host, true, null, workspaces, capacity.cpus(), capacity.memoryBytes());
  }

  public static HostStatus unhealthy(DockerHost host, String error) {
    return new HostStatus(host, false, error, 0, 0, 0);
  }

  public String id() {
    return host.id();
  }
}
