package io.devsanctum.provisioner.model;

/** What a host's engine reports it has. */
public record HostCapacity(int cpus, long memoryBytes) {
}
