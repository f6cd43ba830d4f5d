package io.devsanctum.workspace.fake;

import io.devsanctum.common.contract.workspace.Deployment;
import io.devsanctum.common.contract.workspace.DeploymentLogLine;
import io.devsanctum.common.contract.workspace.Workspace;
import io.devsanctum.workspace.service.WorkspaceEvents;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** {@link WorkspaceEvents} kept in lists, for tests to read. */
public final class RecordingEvents implements WorkspaceEvents {

  public final List<DeploymentLogLine> lines = new CopyOnWriteArrayList<>();
  public final List<Deployment> finished = new CopyOnWriteArrayList<>();
  public final List<Workspace> changes = new CopyOnWriteArrayList<>();

  @Override
  public void logLine(DeploymentLogLine line) {
    lines.add(line);
  }

  @Override
  public void deploymentFinished(Deployment deployment) {
    finished.add(deployment);
  }

  @Override
  public void workspaceChanged(Workspace workspace) {
    changes.add(workspace);
  }
}
