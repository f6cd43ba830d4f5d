package io.devsanctum.workspace.repository.pg;

import io.devsanctum.common.contract.workspace.Deployment;
import io.devsanctum.common.contract.workspace.DeploymentStatus;
import io.devsanctum.common.contract.workspace.Transition;
import io.devsanctum.common.contract.workspace.Workspace;
import io.devsanctum.common.contract.workspace.WorkspaceState;
import io.devsanctum.common.db.PgErrors;
import io.devsanctum.common.domain.ConflictException;
import io.devsanctum.workspace.repository.ClaimLostException;
import io.devsanctum.workspace.repository.DeploymentRepository;
import io.devsanctum.workspace.repository.WorkspaceRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

public class PgWorkspaceRepository implements WorkspaceRepository {

  private static final String COLUMNS = "id, owner_id, owner_name, name, template_id, template_version_id,"
      + " parameters, state, failure_reason, docker_host_id, sharing, created_at, updated_at, last_used_at";

  private final Pool pool;

  public PgWorkspaceRepository(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Void> insert(Workspace w, Deployment first, UsageCheck withinQuota) {
    Map<String, Object> params = new HashMap<>();
    params.put("id", w.id());
    params.put("ownerId", w.ownerId());
    params.put("ownerName", w.ownerName());
    params.put("name", w.name());
    params.put("templateId", w.templateId());
    params.put("versionId", w.templateVersionId());
    params.put("parameters", new JsonObject(new LinkedHashMap<>(w.parameters())));
    params.put("state", w.state().name());
    params.put("sharing", w.sharing());
    return pool.<Void>withTransaction(conn -> checkedUsage(conn, w.ownerId(), withinQuota)
        .compose(withinLimits -> SqlTemplate.forUpdate(conn, """
            INSERT INTO workspace.workspaces
              (id, owner_id, owner_name, name, template_id, template_version_id, parameters, state, sharing)
            VALUES (#{id}, #{ownerId}, #{ownerName}, #{name}, #{templateId}, #{versionId}, #{parameters},
                    #{state}, #{sharing})""")
        .execute(params))
        .compose(inserted -> PgDeploymentRepository.insert(conn, first)))
        .recover(failure -> Future.failedFuture(PgErrors.isUniqueViolation(failure)
            ? new ConflictException("you already have a workspace named '" + w.name() + "'")
            : failure));
  }

  @Override
  public Future<Optional<Workspace>> find(UUID workspaceId) {
    return SqlTemplate.forQuery(pool, "SELECT " + COLUMNS
            + " FROM workspace.workspaces WHERE id = #{id} AND deleted_at IS NULL")
        .mapTo(PgWorkspaceRepository::workspace)
        .execute(Map.of("id", workspaceId))
        .map(Rows::first);
  }

  @Override
  public Future<List<Workspace>> list(Filter filter) {
    Map<String, Object> params = new HashMap<>();
    params.put("ownerId", filter.ownerId());
    params.put("state", filter.state() == null ? null : filter.state().name());
    params.put("templateId", filter.templateId());
    return SqlTemplate.forQuery(pool, "SELECT " + COLUMNS + """
             FROM workspace.workspaces
            WHERE deleted_at IS NULL
              AND (#{ownerId}::uuid IS NULL OR owner_id = #{ownerId})
              AND (#{state}::text IS NULL OR state = #{state})
              AND (#{templateId}::uuid IS NULL OR template_id = #{templateId})
            ORDER BY created_at DESC""")
        .mapTo(PgWorkspaceRepository::workspace)
        .execute(params)
        .map(Rows::list);
  }

  @Override
  public Future<Optional<Deployment>> beginTransition(UUID workspaceId, Transition transition, UUID initiatorId,
      UUID templateVersionId, UUID thenStartVersionId, UsageCheck withinQuota) {
    if (withinQuota == UsageCheck.NONE) {
      return pool.withTransaction(conn -> begin(conn, workspaceId, transition, initiatorId, templateVersionId,
          thenStartVersionId));
    }
    return pool.withTransaction(conn -> SqlTemplate.forQuery(conn,
            "SELECT owner_id FROM workspace.workspaces WHERE id = #{id}")
        .execute(Map.of("id", workspaceId))
        .compose(rows -> rows.size() == 0
            ? Future.succeededFuture(Optional.<Deployment>empty())
            : checkedUsage(conn, rows.iterator().next().getUUID("owner_id"), withinQuota)
                .compose(withinLimits -> begin(conn, workspaceId, transition, initiatorId, templateVersionId,
                    thenStartVersionId))));
  }

  /**
   * Holds back the owner's other quota-checked writes until this transaction ends (a lock per
   * owner), then reads their usage and applies the check to it.
   */
  private static Future<Void> checkedUsage(SqlClient conn, UUID ownerId, UsageCheck check) {
    if (check == UsageCheck.NONE) {
      return Future.succeededFuture();
    }
    return SqlTemplate.forQuery(conn, "SELECT pg_advisory_xact_lock(hashtextextended(#{owner}, 0))")
        .execute(Map.of("owner", ownerId.toString()))
        .compose(locked -> usage(conn, ownerId))
        .map(usage -> {
          check.check(usage);
          return null;
        });
  }

  /** The conditional move into the transition and its deployment, inside the caller's transaction. */
  private static Future<Optional<Deployment>> begin(SqlClient conn, UUID workspaceId, Transition transition,
      UUID initiatorId, UUID templateVersionId, UUID thenStartVersionId) {
    String[] from = transition.from().stream().map(Enum::name).toArray(String[]::new);
    return SqlTemplate.forUpdate(conn, """
            UPDATE workspace.workspaces
               SET state = #{during}, failure_reason = NULL, template_version_id = #{versionId}, updated_at = now()
             WHERE id = #{id} AND deleted_at IS NULL AND state = ANY(#{from})""")
        .execute(Map.of("id", workspaceId, "during", transition.during().name(), "from", from,
            "versionId", templateVersionId))
        .compose(updated -> updated.rowCount() == 0
            ? Future.succeededFuture(Optional.<Deployment>empty())
            : PgDeploymentRepository.insertNext(conn, workspaceId, transition, templateVersionId, initiatorId,
                    thenStartVersionId)
                .map(Optional::of));
  }

  @Override
  public Future<Void> finishTransition(UUID workspaceId, WorkspaceState state, String failureReason) {
    return setState(pool, workspaceId, state, failureReason);
  }

  @Override
  public Future<Optional<Deployment>> finishDeployment(Deployment d, DeploymentRepository.Claim claim,
      DeploymentStatus status, WorkspaceState state, String failureReason) {
    boolean startFollows = status == DeploymentStatus.SUCCEEDED && d.thenStartVersionId() != null
        && state == WorkspaceState.STOPPED;
    return pool.withTransaction(conn -> PgDeploymentRepository.finish(conn, d, claim, status, failureReason)
        .compose(held -> held
            ? setState(conn, d.workspaceId(), state, failureReason)
            : Future.failedFuture(new ClaimLostException("deployment #" + d.number() + " of workspace "
                + d.workspaceId() + " is no longer claimed by " + claim.instanceId())))
        .compose(finished -> startFollows
            ? begin(conn, d.workspaceId(), Transition.START, d.initiatorId(), d.thenStartVersionId(), null)
            : Future.succeededFuture(Optional.<Deployment>empty())));
  }

  private static Future<Void> setState(SqlClient client, UUID workspaceId, WorkspaceState state, String failureReason) {
    Map<String, Object> params = new HashMap<>();
    params.put("id", workspaceId);
    params.put("state", state.name());
    params.put("reason", failureReason);
    params.put("deleted", state == WorkspaceState.DELETED);
    return SqlTemplate.forUpdate(client, """
            UPDATE workspace.workspaces
               SET state = #{state}, failure_reason = #{reason}, updated_at = now(),
                   deleted_at = CASE WHEN #{deleted} THEN now() ELSE NULL END
             WHERE id = #{id}""")
        .execute(params)
        .mapEmpty();
  }

  @Override
  public Future<Void> assignHost(UUID workspaceId, String dockerHostId) {
    return setColumn(workspaceId, "docker_host_id", dockerHostId);
  }

  @Override
  public Future<Boolean> pinTemplateVersion(UUID workspaceId, UUID templateVersionId, Map<String, String> expected,
      Map<String, String> values) {
    return SqlTemplate.forUpdate(pool, """
            UPDATE workspace.workspaces SET template_version_id = #{versionId}, parameters = #{values}, updated_at = now()
             WHERE id = #{id} AND state IN ('STOPPED', 'FAILED') AND parameters = #{expected}""")
        .execute(Map.of("id", workspaceId, "versionId", templateVersionId, "expected", json(expected), "values", json(values)))
        .map(result -> result.rowCount() == 1);
  }

  @Override
  public Future<Void> setSharing(UUID workspaceId, String sharing) {
    return setColumn(workspaceId, "sharing", sharing);
  }

  @Override
  public Future<Optional<WorkspaceState>> setParameters(UUID workspaceId, Map<String, String> expected,
      Map<String, String> values) {
    return SqlTemplate.forQuery(pool, """
            UPDATE workspace.workspaces SET parameters = #{values}, updated_at = now()
             WHERE id = #{id} AND state IN ('RUNNING', 'STOPPED', 'FAILED') AND parameters = #{expected}
            RETURNING state""")
        .execute(Map.of("id", workspaceId, "expected", json(expected), "values", json(values)))
        .map(rows -> rows.rowCount() == 1
            ? Optional.of(WorkspaceState.valueOf(rows.iterator().next().getString("state")))
            : Optional.<WorkspaceState>empty());
  }

  private static JsonObject json(Map<String, String> values) {
    return new JsonObject(new LinkedHashMap<>(values));
  }

  /** One column of one workspace; {@code column} is always one of the names above, never input. */
  private Future<Void> setColumn(UUID workspaceId, String column, Object value) {
    return SqlTemplate.forUpdate(pool,
            "UPDATE workspace.workspaces SET " + column + " = #{value}, updated_at = now() WHERE id = #{id}")
        .execute(Map.of("id", workspaceId, "value", value))
        .mapEmpty();
  }

  @Override
  public Future<Boolean> recordActivity(UUID workspaceId, OffsetDateTime at, Duration window) {
    return SqlTemplate.forUpdate(pool, """
            UPDATE workspace.workspaces SET last_used_at = #{at}
             WHERE id = #{id} AND deleted_at IS NULL AND (last_used_at IS NULL OR last_used_at <= #{notAfter})""")
        .execute(Map.of("id", workspaceId, "at", at, "notAfter", at.minus(window)))
        .map(result -> result.rowCount() == 1);
  }

  @Override
  public Future<List<Workspace>> listLive() {
    return pool.query("SELECT " + COLUMNS + " FROM workspace.workspaces WHERE deleted_at IS NULL")
        .mapping(PgWorkspaceRepository::workspace)
        .execute()
        .map(Rows::list);
  }

  @Override
  public Future<Usage> usage(UUID ownerId) {
    return usage(pool, ownerId);
  }

  private static Future<Usage> usage(SqlClient client, UUID ownerId) {
    return SqlTemplate.forQuery(client, """
            SELECT count(*) AS workspaces,
                   COALESCE(sum((v.spec->>'cpuMillis')::int)
                       FILTER (WHERE w.state IN ('PENDING', 'STARTING', 'RUNNING')), 0) AS cpu,
                   COALESCE(sum((v.spec->>'memoryMb')::int)
                       FILTER (WHERE w.state IN ('PENDING', 'STARTING', 'RUNNING')), 0) AS memory
              FROM workspace.workspaces w
              JOIN workspace.template_versions v ON v.id = w.template_version_id
             WHERE w.owner_id = #{owner} AND w.deleted_at IS NULL""")
        .execute(Map.of("owner", ownerId))
        .map(rows -> {
          Row row = rows.iterator().next();
          return new Usage(row.getLong("workspaces").intValue(), row.getLong("cpu").intValue(),
              row.getLong("memory").intValue());
        });
  }

  static Workspace workspace(Row row) {
    Map<String, String> parameters = new LinkedHashMap<>();
    JsonObject json = row.getJsonObject("parameters");
    if (json != null) {
      json.forEach(e -> parameters.put(e.getKey(), String.valueOf(e.getValue())));
    }
    return new Workspace(row.getUUID("id"), row.getUUID("owner_id"), row.getString("owner_name"),
        row.getString("name"), row.getUUID("template_id"), row.getUUID("template_version_id"), parameters,
        WorkspaceState.valueOf(row.getString("state")), row.getString("failure_reason"),
        row.getString("docker_host_id"), row.getString("sharing"), row.getOffsetDateTime("created_at"),
        row.getOffsetDateTime("updated_at"), row.getOffsetDateTime("last_used_at"));
  }
}
