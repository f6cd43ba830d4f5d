package io.devsanctum.workspace.repository;

import io.devsanctum.common.contract.audit.AuditRecord;
import io.devsanctum.common.contract.workspace.Deployment;
import io.devsanctum.common.contract.workspace.DeploymentStatus;
import io.devsanctum.common.contract.workspace.ScheduleReason;
import io.devsanctum.common.contract.workspace.Transition;
import io.devsanctum.common.contract.workspace.Workspace;
import io.devsanctum.common.contract.workspace.WorkspaceSchedule;
import io.devsanctum.common.contract.workspace.WorkspaceState;
import io.devsanctum.common.bus.Nullable;
import io.devsanctum.common.paging.Page;
import io.devsanctum.common.paging.PageRequest;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

public interface WorkspaceRepository {

  /** What a listing shows; null fields: any. */
  record Filter(UUID ownerId, WorkspaceState state, UUID templateId, Dormancy dormancy) {
  }

  /** Which workspaces a listing shows by dormancy. */
  enum Dormancy {
    /** The default list: dormant workspaces are hidden. */
    AWAKE,
    DORMANT,
    ANY
  }

  /**
   * Inserts the workspace and its first deployment in one transaction, if {@code withinQuota}
   * passes on the owner's usage read in that transaction while the owner's other creates and
   * starts wait; CONFLICT on a taken name. {@code audit} is written in the same transaction, as is
   * the record given to each write below when (and only when) its change happens; a null record
   * (where allowed) is a write that is part of an action recorded with another one.
   */
  Future<Void> insert(Workspace workspace, Deployment firstDeployment, UsageCheck withinQuota, AuditRecord audit);

  /** The workspace unless it is deleted. */
  Future<Optional<Workspace>> find(UUID workspaceId);

  /** The workspace {@code name} of the user named {@code ownerName} unless it is deleted, dormant or not. */
  Future<Optional<Workspace>> findNamed(String ownerName, String name);

  /** Every workspace the filter selects, newest first (for the service's own use: an owner's workspaces). */
  Future<List<Workspace>> list(Filter filter);

  /** One page of what the filter selects, newest first (created at, then id: a workspace's place never changes). */
  Future<Page<Workspace>> page(Filter filter, PageRequest page);

  /**
   * Moves the workspace into {@code transition.during()} only if its state is one the transition
   * may start from, and records a new deployment, atomically. Empty when the state did not allow
   * it (someone else won the race, or the workspace is busy). {@code thenStartVersionId} (a stop
   * only, else null) makes the stop the first half of a restart: see {@link #finishDeployment}.
   * {@code withinQuota} is checked as for {@link #insert}.
   */
  Future<Optional<Deployment>> beginTransition(UUID workspaceId, Transition transition, UUID initiatorId,
      UUID templateVersionId, UUID thenStartVersionId, UsageCheck withinQuota, @Nullable AuditRecord audit);

  /**
   * As {@link #beginTransition}, begun by the schedule for {@code reason}, and only if the workspace
   * is still as the schedule saw it ({@code seen}: not changed, not used since), so a user's action or
   * a use racing the schedule wins cleanly. {@code nextAutostartAt} (an autostart; else null) is
   * stored with it.
   */
  Future<Optional<Deployment>> beginScheduled(Workspace seen, Transition transition, ScheduleReason reason,
      OffsetDateTime nextAutostartAt, UsageCheck withinQuota, AuditRecord audit);

  /** Its owner's schedule, and the next autostart it gives (null: none). */
  Future<Void> setSchedule(UUID workspaceId, WorkspaceSchedule schedule, OffsetDateTime nextAutostartAt,
      AuditRecord audit);

  /** Moves the next autostart from {@code seen} to {@code next} (an occurrence passed unused); false when it had moved. */
  Future<Boolean> moveAutostart(UUID workspaceId, OffsetDateTime seen, OffsetDateTime next);

  /**
   * Makes a stopped workspace dormant at {@code at}, if it is still as the schedule saw it
   * ({@code seen}: not changed, not used since); whether it did.
   */
  Future<Boolean> makeDormant(Workspace seen, OffsetDateTime at, AuditRecord audit);

  /** A dormant workspace is awake again, and counts as used at {@code at}; false when it was not dormant. */
  Future<Boolean> wake(UUID workspaceId, OffsetDateTime at, AuditRecord audit);

  /** Ends a transition outside any deployment (the reconciler): the final state (or FAILED with a reason). */
  Future<Void> finishTransition(UUID workspaceId, WorkspaceState state, String failureReason,
      @Nullable AuditRecord audit);

  /**
   * Ends a deployment and its workspace's transition in one transaction, if {@code claim} still
   * holds it (else fails with {@link ClaimLostException}): the deployment's outcome, the
   * workspace's state, and, for the stop half of a restart that succeeded, the start half begun
   * (returned) so that no crash can come between the two.
   */
  Future<Optional<Deployment>> finishDeployment(Deployment deployment, DeploymentRepository.Claim claim,
      DeploymentStatus status, WorkspaceState state, String failureReason);

  Future<Void> assignHost(UUID workspaceId, String dockerHostId);

  /**
   * Moves a workspace that is not in a transition to another template version with the parameter
   * values resolved for it, unless its values are no longer {@code expected}; false when it did not.
   */
  Future<Boolean> pinTemplateVersion(UUID workspaceId, UUID templateVersionId, Map<String, String> expected,
      Map<String, String> values, @Nullable AuditRecord audit);

  Future<Void> setSharing(UUID workspaceId, String sharing, AuditRecord audit);

  /**
   * Replaces the parameter values if they are still {@code expected} and no transition is under
   * way (compare-and-set, so two concurrent edits cannot both win); the state it had then, or empty.
   */
  Future<Optional<WorkspaceState>> setParameters(UUID workspaceId, Map<String, String> expected, Map<String, String> values,
      @Nullable AuditRecord audit);

  /**
   * Sets the workspace's last use to {@code at}, unless it was set less than {@code window} before
   * {@code at} (a conditional update: concurrent reports write once); whether it wrote. An owner's
   * Extend is an audited action ({@code audit}, written with it); a use reported by the gateway is not.
   */
  Future<Boolean> recordActivity(UUID workspaceId, OffsetDateTime at, Duration window, @Nullable AuditRecord audit);

  /** Workspaces that exist and are not DELETED, for the reconciler. */
  Future<List<Workspace>> listLive();

  /** Number of not-deleted workspaces, and the CPU/memory the running or starting ones reserve. */
  Future<Usage> usage(UUID ownerId);

  record Usage(int workspaces, int cpuMillis, int memoryMb) {
  }

  /** A rule on an owner's usage that a write must keep; throws (a domain exception) to refuse it. */
  @FunctionalInterface
  interface UsageCheck {
    UsageCheck NONE = usage -> { };

    void check(Usage usage);
  }
}
