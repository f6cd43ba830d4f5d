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
 * Who may reach a workspace through the gateway, in one place. Who may <em>open</em> it, its apps
 * (the proxy, Traefik's forward-auth, the handoff) and SSH (shells, commands, file transfer,
 * forwarded ports) alike: its owner and admins, any signed-in user when shared with
 * {@code authenticated}, and anyone when {@code public} (SSH callers are always signed in). Sharing
 * an app at a level shares SSH at that level too: an app reachable by a user can run code in the
 * workspace's container anyway (its terminal app, a notebook), so a shell adds no power, and one
 * rule cannot drift apart from itself. Who may <em>manage</em> it (its web terminal, its Start
 * button, its settings): only its owner and admins.
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
    if (mayOpen(caller, route.ownerId(), route.sharing())) {
      return Outcome.ALLOWED;
    }
    return caller == null ? Outcome.SIGN_IN : Outcome.DENIED;
  }

  /**
   * Whether the caller (null: anonymous) may open a workspace of {@code ownerId} shared at
   * {@code sharing}: its apps, or an SSH session into it.
   */
  public static boolean mayOpen(Caller caller, UUID ownerId, SharingLevel sharing) {
    return sharing == SharingLevel.PUBLIC
        || caller != null && (sharing == SharingLevel.AUTHENTICATED || mayManage(caller, ownerId));
  }

  /** Whether the caller (null: anonymous) may act on a workspace of {@code ownerId}: its owner and owners. */
  public static boolean mayManage(Caller caller, UUID ownerId) {
    return caller != null && (AccessPolicy.allows(caller, Permission.ANY_WORKSPACE_CONNECT)
        || caller.userId().equals(ownerId));
  }
}
