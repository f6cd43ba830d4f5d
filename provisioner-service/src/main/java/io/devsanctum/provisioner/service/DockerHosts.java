package io.devsanctum.provisioner.service;

import io.devsanctum.common.domain.NotFoundException;
import io.devsanctum.provisioner.model.DockerHost;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The configured Docker hosts, in configuration order. */
public final class DockerHosts {

  private final Map<String, DockerHost> byId = new LinkedHashMap<>();

  public DockerHosts(List<DockerHost> hosts) {
    hosts.forEach(host -> byId.put(host.id(), host));
  }

  public List<DockerHost> all() {
    return List.copyOf(byId.values());
  }

  /** The host with this id; NOT_FOUND when none is configured. */
  public DockerHost require(String hostId) {
    DockerHost host = byId.get(hostId);
    if (host == null) {
      throw new NotFoundException("no Docker host '" + hostId + "' is configured");
    }
    return host;
  }
}
