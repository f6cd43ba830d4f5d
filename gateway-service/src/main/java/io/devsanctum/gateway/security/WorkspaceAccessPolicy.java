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
 * Who may reach a workspace through the gateway, in one place, asking common's AccessPolicy: its
 * apps (the proxy, Traefik's forward-auth, the handoff), its terminal, SSH, and its Start button. A
 * workspace's apps are open to whoever may connect to it (its owner, and owners of the platform), to
 * any signed-in user when shared with {@code authenticated}, and to anyone when {@code public}; its
 * terminal, SSH (shells, commands, forwarded ports) only to whoever may connect to it: sharing an
 * app is not handing out a shell. Connecting takes a credential with the scope
 * {@code workspaces:connect} (or {@code all}); one without is refused naming it, where the workspace
 * would otherwise be open to its user.
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
    boolean sharedWithCaller = route.sharing() == SharingLevel.AUTHENTICATED;
    if (mayConnect(caller, route.ownerId())
        || sharedWithCaller && AccessPolicy.covers(caller.scopes(), Permission.OWN_WORKSPACE_CONNECT)) {
      return Outcome.ALLOWED;
    }
    boolean ownersRoleWouldDo = AccessPolicy.allowsOnWorkspace(caller.withScopes(Scope.full()), route.ownerId(),
        WorkspaceUse.CONNECT);
    return sharedWithCaller || ownersRoleWouldDo ? Outcome.OUT_OF_SCOPE : Outcome.DENIED;
  }

  /** Why the caller's credential does not reach a workspace its user could open ({@link Outcome#OUT_OF_SCOPE}). */
  public static String scopeRefusal() {
    return "this API token lacks the scope " + Scope.WORKSPACES_CONNECT.wireName();
  }

  /** Whether the caller (null: anonymous) may connect to a workspace of {@code ownerId}: terminal, SSH, apps. */
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
