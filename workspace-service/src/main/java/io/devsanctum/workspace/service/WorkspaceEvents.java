package io.devsanctum.workspace.service;

import io.devsanctum.common.contract.workspace.Deployment;
import io.devsanctum.common.contract.workspace.DeploymentLogLine;
import io.devsanctum.common.contract.workspace.Workspace;

/** What others may watch live: deployment log lines and workspace state changes. */
public interface WorkspaceEvents {

  void logLine(DeploymentLogLine line);

  /** The deployment ended; live log followers can close their streams. */
  void deploymentFinished(Deployment deployment);

  void workspaceChanged(Workspace workspace);
}
