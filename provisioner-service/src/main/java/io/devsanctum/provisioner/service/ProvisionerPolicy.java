package io.devsanctum.provisioner.service;

import io.devsanctum.common.authz.AccessPolicy;
import io.devsanctum.common.authz.Permission;
import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.domain.ForbiddenException;

/**
 * Who may ask the provisioner for what. Its callers are DevSanctum's services (the orchestrator,
 * the reconciler) and admins (the Docker hosts page); users reach it only through them, except for
 * a terminal, which the gateway opens on behalf of the workspace's owner. An SSH session into a
 * workspace shared with its user is opened by the gateway as itself, once it has taken the
 * workspace access decision (gateway's WorkspaceAccessPolicy). A call naming another user (a
 * cluster member forging a member's call, say) is refused.
 */
public final class ProvisionerPolicy {

  private ProvisionerPolicy() {
  }

  public static boolean mayManageContainers(Caller caller) {
    return AccessPolicy.allows(caller, Permission.DOCKER_HOST_READ);
  }

  /** {@code ownerLabel}: the owner id the container is labelled with (absent on a foreign container). */
  public static boolean mayOpenTerminal(Caller caller, String ownerLabel) {
    return AccessPolicy.allows(caller, Permission.ANY_WORKSPACE_CONNECT)
        || (ownerLabel != null && caller.userId().toString().equals(ownerLabel));
  }

  /** Fails FORBIDDEN unless {@link #mayManageContainers}. */
  public static void requireContainerManagement(Caller caller) {
    if (!mayManageContainers(caller)) {
      throw new ForbiddenException("the provisioner serves DevSanctum's services and admins");
    }
  }

  /** Fails FORBIDDEN unless {@link #mayOpenTerminal}. */
  public static void requireTerminal(Caller caller, String workspaceId, String ownerLabel) {
    if (!mayOpenTerminal(caller, ownerLabel)) {
      throw new ForbiddenException("only the owner of workspace " + workspaceId + ", admins and the gateway may open its terminal");
    }
  }
}
