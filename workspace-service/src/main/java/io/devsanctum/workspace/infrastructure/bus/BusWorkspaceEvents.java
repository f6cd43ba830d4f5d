package io.devsanctum.workspace.infrastructure.bus;

import io.devsanctum.common.bus.TypedBus;
import io.devsanctum.common.contract.workspace.Deployment;
import io.devsanctum.common.contract.workspace.DeploymentLogEvent;
import io.devsanctum.common.contract.workspace.DeploymentLogLine;
import io.devsanctum.common.contract.workspace.Workspace;
import io.devsanctum.common.contract.workspace.WorkspaceContract;
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
    TypedBus.publish(vertx, WorkspaceContract.deploymentLogAddress(line.workspaceId(), line.deploymentNumber()),
        DeploymentLogEvent.line(line));
  }

  @Override
  public void deploymentFinished(Deployment deployment) {
    TypedBus.publish(vertx, WorkspaceContract.deploymentLogAddress(deployment.workspaceId(), deployment.number()),
        DeploymentLogEvent.finished(deployment));
  }

  @Override
  public void workspaceChanged(Workspace workspace) {
    TypedBus.publish(vertx, WorkspaceContract.EVENTS_WORKSPACE_CHANGED, workspace);
  }
}
