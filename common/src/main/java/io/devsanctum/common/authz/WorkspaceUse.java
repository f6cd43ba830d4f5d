package io.devsanctum.common.authz;

/**
 * What a caller does with a workspace: see it (its deployments and logs too), change it (its
 * transitions and settings) or connect to it (its apps, terminal and SSH). Each needs the
 * {@code own-…} permission on the caller's own workspaces and the {@code any-…} one on others'.
 */
public enum WorkspaceUse {
  READ(Permission.OWN_WORKSPACE_READ, Permission.ANY_WORKSPACE_READ),
  WRITE(Permission.OWN_WORKSPACE_WRITE, Permission.ANY_WORKSPACE_WRITE),
  CONNECT(Permission.OWN_WORKSPACE_CONNECT, Permission.ANY_WORKSPACE_CONNECT);

  private final Permission own;
  private final Permission any;

  WorkspaceUse(Permission own, Permission any) {
    this.own = own;
    this.any = any;
  }

  /** The permission this use needs on a workspace that is ({@code own}) or is not the caller's. */
  public Permission permission(boolean own) {
    return own ? this.own : any;
  }
}
