package io.devsanctum.routing.service;

import io.devsanctum.common.authz.AccessPolicy;
import io.devsanctum.common.authz.Permission;
import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.domain.ForbiddenException;

/**
 * Who may use the route table: the services that drive it (workspace-service registering routes,
 * the gateways reading them and reporting health) and admins. Users never call routing-service
 * directly; a call that names one (say, a cluster member forging a member's call) is refused.
 */
public final class RoutingPolicy {

  private RoutingPolicy() {
  }

  public static boolean mayUseRouteTable(Caller caller) {
    return caller != null && AccessPolicy.allows(caller, Permission.ANY_WORKSPACE_READ);
  }

  /** Fails FORBIDDEN unless {@link #mayUseRouteTable}. */
  public static void requireRouteTable(Caller caller) {
    if (!mayUseRouteTable(caller)) {
      throw new ForbiddenException("the route table is for DevSanctum's services and admins");
    }
  }
}
