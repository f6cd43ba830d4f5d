package io.devsanctum.common.config;

import java.util.List;

/**
 * Hazelcast membership for cluster mode: TCP-IP join only (multicast is off), on the given host.
 *
 * @param name    cluster name; members with another name never join
 * @param host    address this member binds and advertises (127.0.0.1 on one machine)
 * @param port    first Hazelcast port to try (auto-incremented when taken)
 * @param members addresses (host or host:port) of the members to join; a host without a port is
 *                tried on the 20 ports from {@code port} up
 */
public record ClusterConfig(String name, String host, int port, List<String> members) {

  public ClusterConfig withName(String newName) {
    return new ClusterConfig(newName, host, port, members);
  }
}
