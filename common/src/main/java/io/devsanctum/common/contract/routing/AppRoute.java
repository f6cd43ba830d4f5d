package io.devsanctum.common.contract.routing;

/**
 * One app of a workspace to route: a port in the container, reachable at {@code upstreamUrl}.
 *
 * @param isDefault  the app served at the workspace's own host {@code <slug>.<base-domain>}
 * @param healthPath path the data plane probes on the upstream; "/" when none is given
 */
public record AppRoute(String name, int port, String upstreamUrl, boolean isDefault, String healthPath) {

  public AppRoute {
    healthPath = healthPath == null ? "/" : healthPath;
  }
}
