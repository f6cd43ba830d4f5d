package io.devsanctum.workspace.service;

import io.devsanctum.common.authz.AccessPolicy;
import io.devsanctum.common.authz.Permission;
import io.devsanctum.common.authz.WorkspaceUse;
import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.contract.auth.Role;
import io.devsanctum.common.domain.ForbiddenException;
import io.devsanctum.common.domain.NotFoundException;
import java.util.Optional;
import java.util.UUID;

/**
 * Who may do what in workspace-service, in one place, asking common's AccessPolicy: everyone (with a
 * credential scoped for it) reads templates, template admins change them; user admins set quotas
 * (an owner's only owners may), and they and auditors read anyone's; members see, change and
 * connect to their own workspaces, auditors see everyone's, owners do everything. A workspace of
 * someone else that the caller may not even see answers as if it did not exist. DevSanctum's services may do anything they call for
 * (auth-service releasing a deleted user's workspaces, the orchestrator).
 */
public final class WorkspacePolicy {

  private WorkspacePolicy() {
  }

  /**
   * Fails unless the caller may {@code use} a workspace of {@code ownerId}: NOT_FOUND for someone
   * else's that they may not see, FORBIDDEN (naming the missing permission or scope) otherwise.
   */
  public static void requireWorkspace(Caller caller, UUID workspaceId, UUID ownerId, WorkspaceUse use) {
    Optional<String> refusal = AccessPolicy.refusalOnWorkspace(caller, ownerId, use);
    if (refusal.isEmpty()) {
      return;
    }
    boolean own = !caller.isService() && caller.userId().equals(ownerId);
    if (!own && !AccessPolicy.allowsOnWorkspace(caller, ownerId, WorkspaceUse.READ)) {
      throw new NotFoundException("workspace " + workspaceId + " not found");
    }
    throw new ForbiddenException(refusal.get());
  }

  /** Whose workspaces a listing asked for {@code requestedOwner} (null: anyone's) shows the caller. */
  public static UUID listedOwner(Caller caller, UUID requestedOwner) {
    require(caller, Permission.OWN_WORKSPACE_READ);
    return AccessPolicy.allows(caller, Permission.ANY_WORKSPACE_READ) ? requestedOwner : caller.userId();
  }

  public static void requireWorkspaceCreation(Caller caller) {
    require(caller, Permission.OWN_WORKSPACE_WRITE);
  }

  public static void requireTemplateReading(Caller caller) {
    require(caller, Permission.TEMPLATE_READ);
  }

  public static void requireTemplateManagement(Caller caller) {
    require(caller, Permission.TEMPLATE_WRITE);
  }

  /**
   * One's own quota is part of one's workspaces; others' are read by those who read users, and are
   * NOT_FOUND to anyone else (as others' workspaces are).
   */
  public static void requireQuotaAccess(Caller caller, UUID userId) {
    if (!caller.isService() && caller.userId().equals(userId)) {
      require(caller, Permission.OWN_WORKSPACE_READ);
    } else if (!AccessPolicy.allows(caller, Permission.USER_READ)) {
      throw new NotFoundException("no user " + userId);
    }
  }

  /** Setting quotas: user admins, before anything about the target is known. */
  public static void requireQuotaManagement(Caller caller) {
    require(caller, Permission.USER_WRITE);
  }

  /**
   * Setting the quota of a user whose role is {@code targetRole}: a change to their account, so an
   * owner's needs what any change to an owner's account needs ({@link AccessPolicy#accountChange}).
   */
  public static void requireQuotaManagement(Caller caller, Role targetRole) {
    require(caller, AccessPolicy.accountChange(targetRole, null));
  }

  /** Removing a user's workspaces with their account: user admins, and auth-service deleting it for one. */
  public static void requireOwnerRelease(Caller caller) {
    require(caller, Permission.USER_WRITE);
  }

  /** Reporting that a workspace is in use: the services that see it used (the gateway's data plane and terminal). */
  public static void requireActivityReporting(Caller caller) {
    if (!caller.isService()) {
      throw new ForbiddenException("activity is reported by DevSanctum's gateways");
    }
  }

  private static void require(Caller caller, Permission permission) {
    AccessPolicy.refusal(caller, permission).ifPresent(refusal -> {
      throw new ForbiddenException(refusal);
    });
  }
}
