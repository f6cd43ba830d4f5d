package io.devsanctum.workspace.repository;

import io.devsanctum.common.contract.workspace.Deployment;
import io.devsanctum.common.contract.workspace.DeploymentLogLine;
import io.devsanctum.common.contract.workspace.DeploymentStep;
import io.devsanctum.common.paging.Page;
import io.devsanctum.common.paging.PageRequest;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface DeploymentRepository {

  /**
   * The right to drive deployments, as one run of one instance holds it.
   *
   * @param instanceId the instance's identity, the same after it restarts
   * @param runToken   this run of the instance
   */
  record Claim(String instanceId, UUID runToken) {
  }

  Future<Optional<Deployment>> find(UUID workspaceId, int number);

  /** A page of the workspace's deployments, newest first. */
  Future<Page<Deployment>> page(UUID workspaceId, PageRequest page);

  /** The unfinished deployment of a workspace, if any. */
  Future<Optional<Deployment>> active(UUID workspaceId);

  /**
   * Takes the right to drive an unfinished deployment for {@code lease}: succeeds when nobody holds
   * it, its claim expired, or it was claimed by this same instance (an earlier run of it, which has
   * ended: a live instance's identity is held by one process only).
   */
  Future<Boolean> claim(UUID workspaceId, int number, Claim claim, Duration lease);

  /** Extends the claim this run holds; false when it no longer holds it. */
  Future<Boolean> renew(UUID workspaceId, int number, Claim claim, Duration lease);

  /** Records that {@code step} is the next step to run (durable progress); false when the claim is lost. */
  Future<Boolean> advance(UUID workspaceId, int number, DeploymentStep step, Claim claim);

  /**
   * Unfinished deployments that {@code instanceId} may claim: never claimed, claim expired, or
   * claimed by that instance before it restarted.
   */
  Future<List<Deployment>> claimable(String instanceId);

  /** Appends a line with the next line number and returns it as stored. */
  Future<DeploymentLogLine> appendLog(UUID workspaceId, int number, String level, DeploymentStep step, String message);

  Future<List<DeploymentLogLine>> logs(UUID workspaceId, int number, int afterLine);
}
