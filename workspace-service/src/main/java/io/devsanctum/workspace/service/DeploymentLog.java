package io.devsanctum.workspace.service;

import io.devsanctum.common.contract.workspace.Deployment;
import io.devsanctum.common.contract.workspace.DeploymentStep;
import io.devsanctum.workspace.repository.DeploymentRepository;
import io.vertx.core.Future;

/**
 * Appends lines to a deployment's log: stored (so history is kept) and then published (so live
 * followers see them). Lines of one deployment are appended one after another, which keeps their
 * numbers and their publication in order.
 */
public class DeploymentLog {

  private final DeploymentRepository deployments;
  private final WorkspaceEvents events;

  public DeploymentLog(DeploymentRepository deployments, WorkspaceEvents events) {
    this.deployments = deployments;
    this.events = events;
  }

  public Future<Void> info(Deployment deployment, DeploymentStep step, String message) {
    return append(deployment, "INFO", step, message);
  }

  public Future<Void> error(Deployment deployment, DeploymentStep step, String message) {
    return append(deployment, "ERROR", step, message);
  }

  private Future<Void> append(Deployment deployment, String level, DeploymentStep step, String message) {
    return deployments.appendLog(deployment.workspaceId(), deployment.number(), level, step, message)
        .onSuccess(events::logLine)
        .mapEmpty();
  }
}
