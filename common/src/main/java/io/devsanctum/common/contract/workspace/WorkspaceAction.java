package io.devsanctum.common.contract.workspace;

/**
 * What a user asks of a workspace. A restart is a stop then a start; an update is a restart on the
 * template's active version.
 */
public enum WorkspaceAction {
  START,
  STOP,
  RESTART,
  DELETE,
  UPDATE
}
