package io.devsanctum.gateway.security;

import io.devsanctum.common.authz.AccessPolicy;
import io.devsanctum.common.authz.Permission;
import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.contract.SharingLevel;
import io.devsanctum.common.contract.routing.RouteMapping;
import io.devsanctum.gateway.security.WorkspaceAccess.Outcome;
import java.util.Optional;
import java.util.UUID;

/**
 * Who may reach a workspace through the gateway, in one place: its apps (the proxy, Traefik's
 * forward-auth, the handoff), its terminal, SSH, and its Start button. A workspace's apps are open
 * to its owner and admins, to any signed-in user when shared with {@code authenticated}, and to
 * anyone when {@code public}; its terminal, SSH (shells, commands, forwarded ports) and its start
 * only to its owner and admins: sharing an app is not handing out a shell.
 */
public final class WorkspaceAccessPolicy {

  private WorkspaceAccessPolicy() {
  }

  /** Whether the visitor (null: anonymous) may open the route's host; empty: no route has it. */
  public static Outcome decide(Optional<RouteMapping> found, Caller caller) {
    if (found.isEmpty()) {
      return Outcome.UNKNOWN_HOST;
    }
    RouteMapping route = found.get();
    if (route.sharing() == SharingLevel.PUBLIC) {
      return Outcome.ALLOWED;
    }
    if (caller == null) {
      return Outcome.SIGN_IN;
    }
    return mayManage(caller, route.ownerId()) || route.sharing() == SharingLevel.AUTHENTICATED
        ? Outcome.ALLOWED : Outcome.DENIED;
  }

  /** Whether the caller (null: anonymous) may act on a workspace of {@code ownerId}: its owner and owners. */
  public static boolean mayManage(Caller caller, UUID ownerId) {
    return caller != null && (AccessPolicy.allows(caller, Permission.ANY_WORKSPACE_CONNECT)
        || caller.userId().equals(ownerId));
  }
}
