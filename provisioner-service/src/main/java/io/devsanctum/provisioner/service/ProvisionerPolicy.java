package io.devsanctum.provisioner.service;

import io.devsanctum.common.authz.AccessPolicy;
import io.devsanctum.common.authz.Permission;
import io.devsanctum.common.authz.WorkspaceUse;
import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.domain.ForbiddenException;
import java.util.UUID;

/**
 * Who may ask the provisioner for what, asking common's AccessPolicy. Its callers are DevSanctum's
 * services (the orchestrator, the reconciler), those who read the Docker hosts (the hosts page:
 * owners, template admins, auditors) and, for containers, owners, who may change any workspace;
 * users reach it only through them, except for a terminal, which the gateway opens on behalf of
 * whoever may connect to the workspace. A call naming another user (a cluster member forging a
 * member's call, say) is refused.
 */
public final class ProvisionerPolicy {

  private ProvisionerPolicy() {
  }

  public static boolean mayReadHosts(Caller caller) {
    return AccessPolicy.allows(caller, Permission.DOCKER_HOST_READ);
  }

  /** Containers, volumes and networks of any workspace: what changing any workspace needs. */
  public static boolean mayManageContainers(Caller caller) {
    return AccessPolicy.allows(caller, Permission.ANY_WORKSPACE_WRITE);
  }

  /**
   * For whoever may connect to the workspace, and for the gateway opening an SSH session into a
   * workspace shared with its user, having taken the access decision (gateway's
   * WorkspaceAccessPolicy). {@code ownerLabel}: the owner id the container is labelled with (absent
   * on a foreign container, which is nobody's own).
   */
  public static boolean mayOpenTerminal(Caller caller, String ownerLabel) {
    return AccessPolicy.allowsOnWorkspace(caller, owner(ownerLabel), WorkspaceUse.CONNECT);
  }

  private static UUID owner(String label) {
    try {
      return label == null ? null : UUID.fromString(label);
    } catch (IllegalArgumentException notAnId) {
      return null;
    }
  }

  public static void requireHostReading(Caller caller) {
    if (!mayReadHosts(caller)) {
      throw new ForbiddenException(AccessPolicy.refusal(caller, Permission.DOCKER_HOST_READ).orElseThrow());
    }
  }

  /** Fails FORBIDDEN unless {@link #mayManageContainers}. */
  public static void requireContainerManagement(Caller caller) {
    if (!mayManageContainers(caller)) {
      throw new ForbiddenException("the provisioner's containers are DevSanctum's services' and owners'");
    }
  }

  /** Fails FORBIDDEN unless {@link #mayOpenTerminal}. */
  public static void requireTerminal(Caller caller, String workspaceId, String ownerLabel) {
    if (!mayOpenTerminal(caller, ownerLabel)) {
      throw new ForbiddenException("the terminal of workspace " + workspaceId + " is for who may connect to it ("
          + AccessPolicy.refusalOnWorkspace(caller, owner(ownerLabel), WorkspaceUse.CONNECT).orElseThrow() + ")");
    }
  }
}
