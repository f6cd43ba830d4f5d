package io.devsanctum.routing.service;

import io.devsanctum.common.authz.AccessPolicy;
import io.devsanctum.common.authz.Permission;
import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.domain.ForbiddenException;

/**
 * Who may use the route table, asking common's AccessPolicy: the services that drive it
 * (workspace-service registering routes, the gateways reading them and reporting health); among
 * users, those who see every workspace may read it and those who change every workspace (owners)
 * may change it. Users never call routing-service directly; a call that names one who may not (say,
 * a cluster member forging a member's call) is refused.
 */
public final class RoutingPolicy {

  private RoutingPolicy() {
  }

  public static boolean mayReadRouteTable(Caller caller) {
    return AccessPolicy.allows(caller, Permission.ANY_WORKSPACE_READ);
  }

  public static boolean mayChangeRouteTable(Caller caller) {
    return AccessPolicy.allows(caller, Permission.ANY_WORKSPACE_WRITE);
  }

  /** Fails FORBIDDEN unless {@link #mayReadRouteTable}. */
  public static void requireRouteTableReading(Caller caller) {
    require(mayReadRouteTable(caller));
  }

  /** Fails FORBIDDEN unless {@link #mayChangeRouteTable}. */
  public static void requireRouteTableChange(Caller caller) {
    require(mayChangeRouteTable(caller));
  }

  private static void require(boolean allowed) {
    if (!allowed) {
      throw new ForbiddenException("the route table is for DevSanctum's services and owners");
    }
  }
}
