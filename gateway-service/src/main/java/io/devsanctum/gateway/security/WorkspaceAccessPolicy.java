package io.devsanctum.gateway.security;

import io.devsanctum.common.authz.AccessPolicy;
import io.devsanctum.common.authz.Permission;
import io.devsanctum.common.authz.Scope;
import io.devsanctum.common.authz.WorkspaceUse;
import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.contract.SharingLevel;
import io.devsanctum.common.contract.routing.RouteMapping;
import io.devsanctum.gateway.security.WorkspaceAccess.Outcome;
import java.util.Optional;
import java.util.UUID;

/**
 * Who may reach a workspace through the gateway, in one place, asking common's AccessPolicy. Who
 * may <em>open</em> it, its apps (the proxy, Traefik's forward-auth, the handoff) and SSH (shells,
 * commands, file transfer, forwarded ports) alike: whoever may connect to it (its owner, and owners
 * of the platform), any signed-in user when shared with {@code authenticated}, and anyone when
 * {@code public} (SSH callers are always signed in). Sharing an app at a level shares SSH at that
 * level too: an app reachable by a user can run code in the workspace's container anyway (its
 * terminal app, a notebook), so a shell adds no power, and one rule cannot drift apart from itself.
 * Its web terminal is only for whoever may connect to it, its Start button and settings for whoever
 * may change it. Opening or connecting takes a credential with the scope {@code workspaces:connect}
 * (or {@code all}); one without is refused naming it, where the workspace would otherwise be open.
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
    if (caller == null) {
      return Outcome.SIGN_IN;
    }
    boolean sharedWithCaller = route.sharing() == SharingLevel.AUTHENTICATED;
    boolean ownersRoleWouldDo = AccessPolicy.allowsOnWorkspace(caller.withScopes(Scope.full()), route.ownerId(),
        WorkspaceUse.CONNECT);
    return sharedWithCaller || ownersRoleWouldDo ? Outcome.OUT_OF_SCOPE : Outcome.DENIED;
  }

  /**
   * Whether the caller (null: anonymous) may open a workspace of {@code ownerId} shared at
   * {@code sharing}: its apps, or an SSH session into it.
   */
  public static boolean mayOpen(Caller caller, UUID ownerId, SharingLevel sharing) {
    if (sharing == SharingLevel.PUBLIC) {
      return true;
    }
    return caller != null && (mayConnect(caller, ownerId) || sharing == SharingLevel.AUTHENTICATED
        && AccessPolicy.covers(caller.scopes(), Permission.OWN_WORKSPACE_CONNECT));
  }

  /** Why the caller's credential does not reach a workspace its user could open ({@link Outcome#OUT_OF_SCOPE}). */
  public static String scopeRefusal() {
    return "this API token lacks the scope " + Scope.WORKSPACES_CONNECT.wireName();
  }

  /** Whether the caller (null: anonymous) may connect to a workspace of {@code ownerId}: its terminal, and its apps and SSH at any sharing. */
  public static boolean mayConnect(Caller caller, UUID ownerId) {
    return caller != null && AccessPolicy.allowsOnWorkspace(caller, ownerId, WorkspaceUse.CONNECT);
  }

  /** Whether the caller (null: anonymous) may see a workspace of {@code ownerId} (its changes, its state). */
  public static boolean maySee(Caller caller, UUID ownerId) {
    return caller != null && AccessPolicy.allowsOnWorkspace(caller, ownerId, WorkspaceUse.READ);
  }

  /** Whether the caller (null: anonymous) may change a workspace of {@code ownerId} (start it from its page). */
  public static boolean mayChange(Caller caller, UUID ownerId) {
    return caller != null && AccessPolicy.allowsOnWorkspace(caller, ownerId, WorkspaceUse.WRITE);
  }
}
