// Names for the contract's schemas. Every type here comes from the generated `schema.d.ts`
// (openapi-typescript, from common/src/main/resources/openapi/devsanctum.yaml).
import type { components, paths } from './schema';

type Schemas = components['schemas'];

export type Problem = Schemas['Problem'];
export type FieldError = NonNullable<Problem['errors']>[number];
export type User = Schemas['User'];
/** The signed-in user with what they may do: computed by the server's AccessPolicy, never re-derived here. */
export type CurrentUser = Schemas['CurrentUser'];
export type Permission = Schemas['Permission'];
export type Scope = Schemas['Scope'];
export type ListedUser = Schemas['ListedUser'];
export type SignInMethod = ListedUser['signInMethods'][number];
export type Role = Schemas['Role'];
export type NewUser = Schemas['NewUser'];
export type NewUserByAdmin = Schemas['NewUserByAdmin'];
export type Quota = Schemas['Quota'];
export type QuotaLimits = Schemas['QuotaLimits'];
export type ApiToken = Schemas['ApiToken'];
export type SshKey = Schemas['SshKey'];
export type AppPort = Schemas['AppPort'];
export type TemplateParameter = Schemas['TemplateParameter'];
export type TemplateSpec = Schemas['TemplateSpec'];
export type Template = Schemas['Template'];
export type TemplateVersion = Schemas['TemplateVersion'];
export type NewTemplate = Schemas['NewTemplate'];
export type TemplateChanges = Schemas['TemplateChanges'];
export type TemplateWarning = Schemas['Warning'];
export type Workspace = Schemas['Workspace'];
export type TemplateSchedule = Schemas['TemplateSchedule'];
export type WorkspaceSchedule = Schemas['WorkspaceSchedule'];
export type Autostart = Schemas['Autostart'];
export type WorkspaceState = Schemas['WorkspaceState'];
export type NewWorkspace = Schemas['NewWorkspace'];
export type Deployment = Schemas['Deployment'];
export type DeploymentLogLine = Schemas['DeploymentLogLine'];
export type DockerHost = Schemas['DockerHost'];
export type SignInLockout = Schemas['SignInLockout'];
export type PasswordReset = Schemas['PasswordReset'];
export type AuditRecord = Schemas['AuditRecord'];
export type AuditAction = Schemas['AuditAction'];
export type AuditTargetType = Schemas['AuditTargetType'];
export type AuditEventsPage =
  paths['/api/v1/audit']['get']['responses']['200']['content']['application/json'];
export type AuditQuery = NonNullable<paths['/api/v1/audit']['get']['parameters']['query']>;

export type OAuthProvider =
  paths['/api/v1/auth/oauth/providers']['get']['responses']['200']['content']['application/json']['providers'][number];
export type CreatedApiToken =
  paths['/api/v1/api-tokens']['post']['responses']['201']['content']['application/json'];

/**
 * The contract types TemplateVersion.spec as a plain object; the workspace-service returns a
 * complete TemplateSpec there (its TemplateSpecMapper fills every default), so read it as one.
 */
export function specOf(version: TemplateVersion | undefined): TemplateSpec | undefined {
  return version ? (version.spec as unknown as TemplateSpec) : undefined;
}

/** The contract types Workspace.parameters as a plain object; its values are the given strings. */
export function parametersOf(workspace: Workspace): Record<string, unknown> {
  return (workspace.parameters ?? {}) as Record<string, unknown>;
}
