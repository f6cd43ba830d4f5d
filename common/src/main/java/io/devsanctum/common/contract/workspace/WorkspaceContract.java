package io.devsanctum.common.contract.workspace;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.bus.Idempotent;
import io.devsanctum.common.bus.Nullable;
import io.devsanctum.common.paging.Page;
import io.devsanctum.common.paging.PageRequest;
import io.vertx.core.Future;
import java.util.Map;
import java.util.UUID;

/**
 * workspace-service: templates, workspaces, their deployments and quotas. Members see and act on
 * their own workspaces only (another user's answers NOT_FOUND, as if it did not exist); admins on
 * all; templates and quotas are changed by admins only (FORBIDDEN otherwise). Refusals:
 * VALIDATION (naming the field), NOT_FOUND, CONFLICT (a name taken, a transition that does not
 * apply now), UNPROCESSABLE (an archived template, a quota reached, an image missing).
 */
public interface WorkspaceContract {

  String ADDRESS = "workspace";
  /** Published on every change of a workspace's state: the {@link Workspace}. */
  String EVENTS_WORKSPACE_CHANGED = "workspace.events.workspace-changed";

  /** Where one deployment's live log is published, as {@link DeploymentLogEvent}s. */
  static String deploymentLogAddress(UUID workspaceId, int number) {
    return "workspace.events.deployment-log." + workspaceId + "." + number;
  }

  /** A page of the templates, by name; VALIDATION (field {@code cursor}) for a cursor no page of this list gave. */
  @Idempotent
  Future<Page<Template>> listTemplates(Caller caller, boolean includeArchived, PageRequest page);

  @Idempotent
  Future<Template> getTemplate(Caller caller, UUID templateId);

  /** Admins: version 1 from the spec; the answer warns of Docker hosts without its image. */
  Future<Template> createTemplate(Caller caller, NewTemplate template);

  /** Admins: display fields, or a new active version (workspaces keep theirs until updated). */
  Future<Template> updateTemplate(Caller caller, UUID templateId, TemplateChanges changes);

  /** Admins: no new workspaces from it; existing ones keep running. */
  @Idempotent
  Future<Template> archiveTemplate(Caller caller, UUID templateId);

  /** A page of the template's versions, newest first. */
  @Idempotent
  Future<Page<TemplateVersion>> templateVersions(Caller caller, UUID templateId, PageRequest page);

  /** A new workspace (PENDING; its first deployment starts it), within the owner's quota. */
  Future<Workspace> createWorkspace(Caller caller, NewWorkspace workspace);

  /**
   * One page, newest first: members see their own (a filter by another owner finds nothing), admins
   * everyone's. Dormant workspaces only when {@code dormant} is true (and then only they).
   * VALIDATION (field {@code cursor}) for a cursor no page of this list gave.
   */
  @Idempotent
  Future<Page<Workspace>> listWorkspaces(Caller caller, @Nullable UUID ownerId, @Nullable WorkspaceState state,
      @Nullable UUID templateId, @Nullable Boolean dormant, PageRequest page);

  @Idempotent
  Future<Workspace> getWorkspace(Caller caller, UUID workspaceId);

  /**
   * Workspace {@code name} of the user named {@code ownerName}, dormant or not (how an SSH login
   * names one), if the caller may see it; NOT_FOUND otherwise, as for {@link #getWorkspace}.
   */
  @Idempotent
  Future<Workspace> workspaceNamed(Caller caller, String ownerName, String name);

  /** Starts the deployment that does it; CONFLICT while another runs or when it does not apply to the state. */
  Future<Workspace> transition(Caller caller, UUID workspaceId, WorkspaceAction action);

  /** Who may open the workspace's apps; a running workspace's routes follow at once. */
  @Idempotent
  Future<Workspace> setSharing(Caller caller, UUID workspaceId, String sharing);

  /**
   * New values for mutable parameters (the others keep theirs; an immutable one cannot change); a
   * running workspace restarts with them.
   */
  Future<Workspace> setParameters(Caller caller, UUID workspaceId, Map<String, String> parameters);

  /**
   * Services (the gateway): someone used the workspace just now (its apps, its terminal). Writes
   * at most once per workspace per minute, however many gateways report it; an unknown workspace
   * is ignored.
   */
  @Idempotent
  Future<Void> recordActivity(Caller caller, UUID workspaceId);

  /**
   * Its owner's inactivity timeout and autostart schedule, within what its template allows
   * (VALIDATION naming the field otherwise).
   */
  @Idempotent
  Future<Workspace> setSchedule(Caller caller, UUID workspaceId, WorkspaceSchedule schedule);

  /** A dormant workspace is woken: listed again, and it may start (it counts as used now). */
  Future<Workspace> wake(Caller caller, UUID workspaceId);

  /** A running workspace counts as used now: its inactivity deadline moves a whole timeout on. CONFLICT when not running. */
  Future<Workspace> extend(Caller caller, UUID workspaceId);

  /** A page of the workspace's deployments, newest first. */
  @Idempotent
  Future<Page<Deployment>> deployments(Caller caller, UUID workspaceId, PageRequest page);

  /** The deployment and its log lines after {@code afterLine}. */
  @Idempotent
  Future<DeploymentLogPage> deploymentLog(Caller caller, UUID workspaceId, int number, int afterLine);

  /**
   * Admins: lets go of a user's workspaces before their account is deleted; how many are being
   * deleted. CONFLICT (naming them) while they own any and {@code deleteWorkspaces} is false, or
   * while one is mid-deployment; with it, each gets a delete deployment. The quota goes either way.
   */
  Future<Integer> releaseOwner(Caller caller, UUID ownerId, boolean deleteWorkspaces);

  /** Admins: a user's quota (unlimited fields absent). */
  @Idempotent
  Future<Quota> quota(Caller caller, UUID userId);

  /** Admins: sets a user's quota as given (absent limits: unlimited). */
  @Idempotent
  Future<Quota> setQuota(Caller caller, Quota quota);
}
