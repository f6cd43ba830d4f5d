package io.devsanctum.workspace.repository.pg;

import io.devsanctum.common.contract.workspace.Deployment;
import io.devsanctum.common.contract.workspace.DeploymentLogLine;
import io.devsanctum.common.contract.workspace.DeploymentStatus;
import io.devsanctum.common.contract.workspace.DeploymentStep;
import io.devsanctum.common.contract.workspace.Initiator;
import io.devsanctum.common.contract.workspace.ScheduleReason;
import io.devsanctum.common.contract.workspace.Transition;
import io.devsanctum.common.db.Keyset;
import io.devsanctum.common.paging.Page;
import io.devsanctum.common.paging.PageRequest;
import io.devsanctum.workspace.repository.DeploymentRepository;
import io.devsanctum.workspace.repository.DeploymentRepository.Claim;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

public class PgDeploymentRepository implements DeploymentRepository {

  private static final String COLUMNS = "workspace_id, number, transition, template_version_id, initiator_id,"
      + " status, step, failure_reason, created_at, started_at, finished_at, then_start_version_id, claimed_by,"
      + " initiator, schedule_reason";

  /** Newest first (the primary key, workspace then number, serves it). */
  private static final Keyset LISTING = Keyset.descending(Keyset.integer("number"));

  private final Pool pool;

  public PgDeploymentRepository(Pool pool) {
    this.pool = pool;
  }

  /** Inserts a deployment whose number is already chosen (the first one of a new workspace). */
  static Future<Void> insert(SqlClient conn, Deployment d) {
    return SqlTemplate.forUpdate(conn, """
            INSERT INTO workspace.deployments
              (workspace_id, number, transition, template_version_id, initiator_id, status, step, initiator)
            VALUES (#{workspaceId}, #{number}, #{transition}, #{versionId}, #{initiatorId}, #{status}, #{step},
                    #{initiator})""")
        .execute(Map.of("workspaceId", d.workspaceId(), "number", d.number(), "transition", d.transition().name(),
            "versionId", d.templateVersionId(), "initiatorId", d.initiatorId(), "status", d.status().name(),
            "step", d.step().name(), "initiator", d.initiator().name()))
        .mapEmpty();
  }

  /**
   * Inserts the next-numbered deployment. Called in the transaction that just updated the
   * workspace row, whose row lock serialises concurrent transitions of the same workspace.
   * {@code reason}: null when a person ({@code initiatorId}) began it, else why the schedule did.
   */
  static Future<Deployment> insertNext(SqlClient conn, UUID workspaceId, Transition transition, UUID versionId,
      UUID initiatorId, UUID thenStartVersionId, ScheduleReason reason) {
    Map<String, Object> params = new HashMap<>();
    params.put("workspaceId", workspaceId);
    params.put("transition", transition.name());
    params.put("versionId", versionId);
    params.put("initiator", initiatorId);
    params.put("step", transition.steps().get(0).name());
    params.put("thenStart", thenStartVersionId);
    params.put("by", (reason == null ? Initiator.USER : Initiator.SCHEDULE).name());
    params.put("reason", reason == null ? null : reason.name());
    return SqlTemplate.forQuery(conn, """
            INSERT INTO workspace.deployments
              (workspace_id, number, transition, template_version_id, initiator_id, status, step, then_start_version_id,
               initiator, schedule_reason)
            SELECT #{workspaceId}, COALESCE(max(number), 0) + 1, #{transition}, #{versionId}, #{initiator},
                   'PENDING', #{step}, #{thenStart}, #{by}, #{reason}
              FROM workspace.deployments WHERE workspace_id = #{workspaceId}
            """ + " RETURNING " + COLUMNS)
        .mapTo(PgDeploymentRepository::deployment)
        .execute(params)
        .map(rows -> rows.iterator().next());
  }

  /**
   * Ends a deployment if {@code claim} holds it; false (nothing written) when it does not. Called
   * in the transaction that also ends the workspace's transition.
   */
  static Future<Boolean> finish(SqlClient conn, Deployment d, Claim claim, DeploymentStatus status,
      String failureReason) {
    Map<String, Object> params = new HashMap<>();
    params.put("id", d.workspaceId());
    params.put("number", d.number());
    params.put("status", status.name());
    params.put("reason", failureReason);
    params.put("owner", claim.instanceId());
    params.put("token", claim.runToken());
    return SqlTemplate.forUpdate(conn, """
            UPDATE workspace.deployments
               SET status = #{status}, failure_reason = #{reason}, finished_at = now(),
                   started_at = COALESCE(started_at, now()), claimed_by = NULL, claim_token = NULL,
                   claim_expires_at = NULL
             WHERE workspace_id = #{id} AND number = #{number} AND status IN ('PENDING', 'RUNNING')
               AND claimed_by = #{owner} AND claim_token = #{token}""")
        .execute(params)
        .map(result -> result.rowCount() == 1);
  }

  @Override
  public Future<Optional<Deployment>> find(UUID workspaceId, int number) {
    return SqlTemplate.forQuery(pool, "SELECT " + COLUMNS
            + " FROM workspace.deployments WHERE workspace_id = #{id} AND number = #{number}")
        .mapTo(PgDeploymentRepository::deployment)
        .execute(Map.of("id", workspaceId, "number", number))
        .map(Rows::first);
  }

  @Override
  public Future<Page<Deployment>> page(UUID workspaceId, PageRequest page) {
    return LISTING.page(pool, "SELECT " + COLUMNS + " FROM workspace.deployments", List.of("workspace_id = #{id}"),
        Map.of("id", workspaceId), page, PgDeploymentRepository::deployment);
  }

  @Override
  public Future<Optional<Deployment>> active(UUID workspaceId) {
    return SqlTemplate.forQuery(pool, "SELECT " + COLUMNS
            + " FROM workspace.deployments WHERE workspace_id = #{id} AND status IN ('PENDING', 'RUNNING')")
        .mapTo(PgDeploymentRepository::deployment)
        .execute(Map.of("id", workspaceId))
        .map(Rows::first);
  }

  @Override
  public Future<Boolean> claim(UUID workspaceId, int number, Claim claim, Duration lease) {
    return SqlTemplate.forUpdate(pool, """
            UPDATE workspace.deployments
               SET claimed_by = #{owner}, claim_token = #{token},
                   claim_expires_at = now() + make_interval(secs => #{seconds})
             WHERE workspace_id = #{id} AND number = #{number} AND status IN ('PENDING', 'RUNNING')
               AND (claimed_by IS NULL OR claimed_by = #{owner} OR claim_expires_at < now())""")
        .execute(claimParams(workspaceId, number, claim, lease))
        .map(result -> result.rowCount() == 1);
  }

  @Override
  public Future<Boolean> renew(UUID workspaceId, int number, Claim claim, Duration lease) {
    return SqlTemplate.forUpdate(pool, """
            UPDATE workspace.deployments
               SET claim_expires_at = now() + make_interval(secs => #{seconds})
             WHERE workspace_id = #{id} AND number = #{number} AND status IN ('PENDING', 'RUNNING')
               AND claimed_by = #{owner} AND claim_token = #{token}""")
        .execute(claimParams(workspaceId, number, claim, lease))
        .map(result -> result.rowCount() == 1);
  }

  private static Map<String, Object> claimParams(UUID workspaceId, int number, Claim claim, Duration lease) {
    return Map.of("id", workspaceId, "number", number, "owner", claim.instanceId(), "token", claim.runToken(),
        "seconds", lease.toMillis() / 1000.0);
  }

  @Override
  public Future<Boolean> advance(UUID workspaceId, int number, DeploymentStep step, Claim claim) {
    return SqlTemplate.forUpdate(pool, """
            UPDATE workspace.deployments
               SET step = #{step}, status = 'RUNNING', started_at = COALESCE(started_at, now())
             WHERE workspace_id = #{id} AND number = #{number} AND status IN ('PENDING', 'RUNNING')
               AND claimed_by = #{owner} AND claim_token = #{token}""")
        .execute(Map.of("id", workspaceId, "number", number, "step", step.name(), "owner", claim.instanceId(),
            "token", claim.runToken()))
        .map(result -> result.rowCount() == 1);
  }

  @Override
  public Future<List<Deployment>> claimable(String instanceId) {
    return SqlTemplate.forQuery(pool, "SELECT " + COLUMNS + """
             FROM workspace.deployments
            WHERE status IN ('PENDING', 'RUNNING')
              AND (claimed_by IS NULL OR claimed_by = #{owner} OR claim_expires_at < now())
            ORDER BY created_at""")
        .mapTo(PgDeploymentRepository::deployment)
        .execute(Map.of("owner", instanceId))
        .map(Rows::list);
  }

  @Override
  public Future<DeploymentLogLine> appendLog(
      UUID workspaceId, int number, String level, DeploymentStep step, String message) {
    Map<String, Object> params = new HashMap<>();
    params.put("id", workspaceId);
    params.put("number", number);
    params.put("level", level);
    params.put("step", step == null ? null : step.name());
    params.put("message", message);
    return SqlTemplate.forQuery(pool, """
            INSERT INTO workspace.deployment_logs (workspace_id, deployment_number, line_number, level, step, message)
            SELECT #{id}, #{number}, COALESCE(max(line_number), 0) + 1, #{level}, #{step}, #{message}
              FROM workspace.deployment_logs WHERE workspace_id = #{id} AND deployment_number = #{number}
            RETURNING workspace_id, deployment_number, line_number, logged_at, level, step, message""")
        .mapTo(PgDeploymentRepository::logLine)
        .execute(params)
        .map(rows -> rows.iterator().next());
  }

  @Override
  public Future<List<DeploymentLogLine>> logs(UUID workspaceId, int number, int afterLine) {
    return SqlTemplate.forQuery(pool, """
            SELECT workspace_id, deployment_number, line_number, logged_at, level, step, message
              FROM workspace.deployment_logs
             WHERE workspace_id = #{id} AND deployment_number = #{number} AND line_number > #{after}
             ORDER BY line_number""")
        .mapTo(PgDeploymentRepository::logLine)
        .execute(Map.of("id", workspaceId, "number", number, "after", afterLine))
        .map(Rows::list);
  }

  static Deployment deployment(Row row) {
    String step = row.getString("step");
    return new Deployment(row.getUUID("workspace_id"), row.getInteger("number"),
        Transition.valueOf(row.getString("transition")), row.getUUID("template_version_id"),
        row.getUUID("initiator_id"), DeploymentStatus.valueOf(row.getString("status")),
        step == null ? null : DeploymentStep.valueOf(step), row.getString("failure_reason"),
        row.getOffsetDateTime("created_at"), row.getOffsetDateTime("started_at"), row.getOffsetDateTime("finished_at"),
        Initiator.valueOf(row.getString("initiator")),
        row.getString("schedule_reason") == null ? null : ScheduleReason.valueOf(row.getString("schedule_reason")),
        row.getUUID("then_start_version_id"), row.getString("claimed_by"));
  }

  static DeploymentLogLine logLine(Row row) {
    String step = row.getString("step");
    return new DeploymentLogLine(row.getUUID("workspace_id"), row.getInteger("deployment_number"),
        row.getInteger("line_number"), row.getOffsetDateTime("logged_at"), row.getString("level"),
        step == null ? null : DeploymentStep.valueOf(step), row.getString("message"));
  }
}
