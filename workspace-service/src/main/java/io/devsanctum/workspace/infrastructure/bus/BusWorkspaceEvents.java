package io.devsanctum.workspace.infrastructure.bus;

import io.devsanctum.common.bus.WorkspaceContract;
import io.devsanctum.workspace.json.WorkspaceJson;
import io.devsanctum.workspace.model.Deployment;
import io.devsanctum.workspace.model.DeploymentLogLine;
import io.devsanctum.workspace.model.Workspace;
import io.devsanctum.workspace.service.WorkspaceEvents;
import io.vertx.core.Vertx;

/** Publishes workspace events on the event bus, where every gateway instance can stream them. */
public class BusWorkspaceEvents implements WorkspaceEvents {

  private final Vertx vertx;

  public BusWorkspaceEvents(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public void logLine(DeploymentLogLine line) {
    vertx.eventBus().publish(WorkspaceContract.EVENTS_DEPLOYMENT_LOG, WorkspaceJson.logLine(line));
  }

  @Override
  public void deploymentFinished(Deployment deployment) {
    vertx.eventBus().publish(WorkspaceContract.EVENTS_DEPLOYMENT_LOG, WorkspaceJson.deployment(deployment)
        .put("final", true));
  }

  @Override
  public void workspaceChanged(Workspace workspace) {
    vertx.eventBus().publish(WorkspaceContract.EVENTS_WORKSPACE_CHANGED, WorkspaceJson.workspace(workspace));
  }
}
