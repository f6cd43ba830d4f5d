package io.devsanctum.workspace.repository;

import io.devsanctum.workspace.model.Deployment;
import io.devsanctum.workspace.model.DeploymentLogLine;
import io.devsanctum.workspace.model.DeploymentStatus;
import io.devsanctum.workspace.model.DeploymentStep;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface DeploymentRepository {

  Future<Optional<Deployment>> find(UUID workspaceId, int number);

  Future<List<Deployment>> list(UUID workspaceId);

  /** The unfinished deployment of a workspace, if any. */
  Future<Optional<Deployment>> active(UUID workspaceId);

  /**
   * Takes (or renews) the right to drive a deployment for {@code lease}: succeeds when nobody holds
   * it, the holder is {@code owner}, or the previous claim expired.
   */
  Future<Boolean> claim(UUID workspaceId, int number, String owner, Duration lease);

  /** Records that {@code step} is the next step to run (durable progress). */
  Future<Void> advance(UUID workspaceId, int number, DeploymentStep step);

  Future<Void> finish(UUID workspaceId, int number, DeploymentStatus status, String failureReason);

  /** Unfinished deployments whose claim is free or expired: crashed or never picked up. */
  Future<List<Deployment>> unclaimed();

  /** Appends a line with the next line number and returns it as stored. */
  Future<DeploymentLogLine> appendLog(UUID workspaceId, int number, String level, DeploymentStep step, String message);

  Future<List<DeploymentLogLine>> logs(UUID workspaceId, int number, int afterLine);
}
