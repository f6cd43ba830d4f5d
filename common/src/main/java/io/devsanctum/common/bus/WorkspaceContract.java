package io.devsanctum.common.bus;

/**
 * Request/reply addresses served by workspace-service, and the events it publishes. Every request
 * carries the {@link Caller} in headers; owners see only their own workspaces (another user's id
 * answers NOT_FOUND), admins see all.
 */
public final class WorkspaceContract {

  /** {includeArchived?} → {templates: [template]} */
  public static final String TEMPLATES_LIST = "workspace.templates.list";
  /** {templateId} → template (with its active version's spec) */
  public static final String TEMPLATES_GET = "workspace.templates.get";
  /** admin: {name, displayName?, description?, icon?, spec} → template */
  public static final String TEMPLATES_CREATE = "workspace.templates.create";
  /** admin: {templateId, displayName?, description?, icon?, spec?} → template (a new version when spec is given) */
  public static final String TEMPLATES_UPDATE = "workspace.templates.update";
  /** admin: {templateId} → template (archived: no new workspaces) */
  public static final String TEMPLATES_ARCHIVE = "workspace.templates.archive";
  /** {templateId} → {versions: [version]} */
  public static final String TEMPLATES_VERSIONS = "workspace.templates.versions";

  /** {templateId, name, parameters: {..}} → workspace (state PENDING; its first deployment starts it) */
  public static final String WORKSPACES_CREATE = "workspace.workspaces.create";
  /** {ownerId?, state?, templateId?} → {workspaces: [workspace]} (members: own only) */
  public static final String WORKSPACES_LIST = "workspace.workspaces.list";
  /** {workspaceId} → workspace */
  public static final String WORKSPACES_GET = "workspace.workspaces.get";
  /** {workspaceId, transition: start|stop|restart|delete|update} → workspace */
  public static final String WORKSPACES_TRANSITION = "workspace.workspaces.transition";
  /** {workspaceId, sharing: owner|authenticated|public} → workspace; a running workspace's routes follow */
  public static final String WORKSPACES_SET_SHARING = "workspace.workspaces.set-sharing";
  /**
   * {workspaceId, parameters: {name: value}} → workspace: new values for mutable parameters (others
   * keep theirs; an immutable one cannot change); a running workspace restarts with them.
   */
  public static final String WORKSPACES_SET_PARAMETERS = "workspace.workspaces.set-parameters";
  /** {workspaceId} → {deployments: [deployment]}, newest first */
  public static final String DEPLOYMENTS_LIST = "workspace.deployments.list";
  /** {workspaceId, number, afterLine?} → {deployment, lines: [line]} */
  public static final String DEPLOYMENT_LOGS = "workspace.deployments.logs";

  /**
   * admin: {ownerId, deleteWorkspaces} → {deleting: n}: lets go of a user's workspaces before their
   * account is deleted. CONFLICT (naming them) while they own any and deleteWorkspaces is false, or
   * when one is in the middle of a deployment; with deleteWorkspaces, each gets a delete deployment.
   * The user's quota is removed either way.
   */
  public static final String OWNERS_RELEASE = "workspace.owners.release";

  /** admin: {userId} → quota; {userId, maxWorkspaces?, maxCpuMillis?, maxMemoryMb?} to set */
  public static final String QUOTAS_GET = "workspace.quotas.get";
  public static final String QUOTAS_SET = "workspace.quotas.set";

  /** publish: {workspaceId, number, line, level, step, message, at, final?, status?} */
  public static final String EVENTS_DEPLOYMENT_LOG = "workspace.events.deployment-log";
  /** publish: workspace json, on every state change */
  public static final String EVENTS_WORKSPACE_CHANGED = "workspace.events.workspace-changed";

  private WorkspaceContract() {
  }
}
