package io.devsanctum.workspace.service;

import io.devsanctum.common.authz.AccessPolicy;
import io.devsanctum.common.authz.Permission;
import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.domain.ForbiddenException;
import java.util.UUID;

/**
 * Who may do what in workspace-service, in one place, asking common's AccessPolicy: template
 * admins manage templates, user admins quotas, owners everyone's workspaces; a member sees and acts
 * on their own workspaces only (others' answer as if they did not exist), reads templates and their
 * own quota. DevSanctum's services may do anything they call for (auth-service releasing a deleted
 * user's workspaces).
 */
public final class WorkspacePolicy {

  private WorkspacePolicy() {
  }

  public static boolean mayManageTemplates(Caller caller) {
    return AccessPolicy.allows(caller, Permission.TEMPLATE_WRITE);
  }

  public static boolean mayManageQuotas(Caller caller) {
    return AccessPolicy.allows(caller, Permission.USER_WRITE);
  }

  /** Whether the caller may see and act on a workspace (or a quota) of {@code ownerId}. */
  public static boolean mayAccessOwnedBy(Caller caller, UUID ownerId) {
    return AccessPolicy.allows(caller, Permission.ANY_WORKSPACE_WRITE) || caller.userId().equals(ownerId);
  }

  /** Whose workspaces a listing asked for {@code requestedOwner} (null: anyone's) shows the caller. */
  public static UUID listedOwner(Caller caller, UUID requestedOwner) {
    return AccessPolicy.allows(caller, Permission.ANY_WORKSPACE_WRITE) ? requestedOwner : caller.userId();
  }

  /** Removing a user's workspaces with their account: user admins, and auth-service deleting it for one. */
  public static boolean mayReleaseOwner(Caller caller) {
    return AccessPolicy.allows(caller, Permission.USER_WRITE);
  }

  /** Reporting that a workspace is in use: the services that see it used (the gateway's data plane and terminal). */
  public static boolean mayReportActivity(Caller caller) {
    return caller.isService();
  }

  public static void requireActivityReporting(Caller caller) {
    require(mayReportActivity(caller), "activity is reported by DevSanctum's gateways");
  }

  public static void requireTemplateManagement(Caller caller) {
    require(mayManageTemplates(caller), "templates are managed by admins");
  }

  public static void requireQuotaManagement(Caller caller) {
    require(mayManageQuotas(caller), "quotas are set by admins");
  }

  public static void requireQuotaAccess(Caller caller, UUID userId) {
    require(mayAccessOwnedBy(caller, userId), "only admins read other users' quotas");
  }

  public static void requireOwnerRelease(Caller caller) {
    require(mayReleaseOwner(caller), "this operation is for admins");
  }

  private static void require(boolean allowed, String refusal) {
    if (!allowed) {
      throw new ForbiddenException(refusal);
    }
  }
}
