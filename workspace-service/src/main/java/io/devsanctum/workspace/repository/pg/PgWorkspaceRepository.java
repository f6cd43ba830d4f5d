package io.devsanctum.workspace.repository.pg;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.contract.ContractJson;
import io.devsanctum.common.contract.audit.AuditRecord;
import io.devsanctum.common.contract.workspace.Deployment;
import io.devsanctum.common.contract.workspace.DeploymentStatus;
import io.devsanctum.common.contract.workspace.ScheduleReason;
import io.devsanctum.common.contract.workspace.TemplateSchedule;
import io.devsanctum.common.contract.workspace.Transition;
import io.devsanctum.common.contract.workspace.Workspace;
import io.devsanctum.common.contract.workspace.WorkspaceSchedule;
import io.devsanctum.common.contract.workspace.WorkspaceState;
import io.devsanctum.common.db.Keyset;
import io.devsanctum.common.db.PgErrors;
import io.devsanctum.common.domain.ConflictException;
import io.devsanctum.common.paging.Page;
import io.devsanctum.common.paging.PageRequest;
import io.devsanctum.workspace.repository.ClaimLostException;
import io.devsanctum.workspace.repository.DeploymentRepository;
import io.devsanctum.workspace.repository.WorkspaceRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

public class PgWorkspaceRepository implements WorkspaceRepository {

  /** Whom a scheduled deployment names as its initiator: no person. */
  private static final UUID SCHEDULE = Caller.service("schedule").userId();

  /**
   * A workspace with its template's schedule, which its deadline and next autostart depend on. The
   * JSON columns come as text: a page's workspaces mostly share them, so each distinct text is read
   * once ({@link WorkspaceRows}) instead of the driver parsing every row's into a tree.
   */
  private static final String SELECT = "SELECT w.id, w.owner_id, w.owner_name, w.name, w.template_id,"
      + " w.template_version_id, w.parameters::text AS parameters, w.state, w.failure_reason, w.docker_host_id,"
      + " w.sharing, w.created_at, w.updated_at, w.last_used_at, w.schedule::text AS schedule, w.next_autostart_at,"
      + " w.dormant_at, t.schedule::text AS template_schedule"
      + " FROM workspace.workspaces w JOIN workspace.templates t ON t.id = w.template_id";

  /** Newest first: a workspace's place never changes (the listing indexes of V3 serve it). */
  private static final Keyset LISTING = Keyset.descending(Keyset.timestamp("w.created_at"), Keyset.uuid("w.id"));

  private final Pool pool;
  /** What a workspace's last use is measured by, as the scheduler measures its deadline. */
  private final Clock clock;

  public PgWorkspaceRepository(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  @Override
  public Future<Void> insert(Workspace w, Deployment first, UsageCheck withinQuota, AuditRecord audit) {
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
        .compose(inserted -> PgDeploymentRepository.insert(conn, first))
        .compose(inserted -> PgAuditLog.insert(conn, audit)))
        .recover(failure -> Future.failedFuture(PgErrors.isUniqueViolation(failure)
            ? new ConflictException("you already have a workspace named '" + w.name() + "'")
            : failure));
  }

  @Override
  public Future<Optional<Workspace>> find(UUID workspaceId) {
    return SqlTemplate.forQuery(pool, SELECT + " WHERE w.id = #{id} AND w.deleted_at IS NULL")
        .mapTo(new WorkspaceRows()::workspace)
        .execute(Map.of("id", workspaceId))
        .map(Rows::first);
  }

  @Override
  public Future<Optional<Workspace>> findNamed(String ownerName, String name) {
    return SqlTemplate.forQuery(pool, SELECT
            + " WHERE w.owner_name = #{ownerName} AND lower(w.name) = lower(#{name}) AND w.deleted_at IS NULL")
        .mapTo(new WorkspaceRows()::workspace)
        .execute(Map.of("ownerName", ownerName, "name", name))
        .map(Rows::first);
  }

  @Override
  public Future<List<Workspace>> list(Filter filter) {
    Map<String, Object> params = new HashMap<>();
    return SqlTemplate.forQuery(pool, SELECT + " WHERE " + String.join(" AND ", conditions(filter, params))
            + " ORDER BY " + LISTING.orderBy())
        .mapTo(new WorkspaceRows()::workspace)
        .execute(params)
        .map(Rows::list);
  }

  @Override
  public Future<Page<Workspace>> page(Filter filter, PageRequest page) {
    Map<String, Object> params = new HashMap<>();
    return LISTING.page(pool, SELECT, conditions(filter, params), params, page, new WorkspaceRows()::workspace);
  }

  /** The filter as SQL conditions on fixed columns (only values are parameters), so each shape gets its own plan. */
  private static List<String> conditions(Filter filter, Map<String, Object> params) {
    List<String> conditions = new ArrayList<>(List.of("w.deleted_at IS NULL"));
    if (filter.ownerId() != null) {
      conditions.add("w.owner_id = #{ownerId}");
      params.put("ownerId", filter.ownerId());
    }
    if (filter.state() != null) {
      conditions.add("w.state = #{state}");
      params.put("state", filter.state().name());
    }
    if (filter.templateId() != null) {
      conditions.add("w.template_id = #{templateId}");
      params.put("templateId", filter.templateId());
    }
    if (filter.dormancy() == Dormancy.DORMANT) {
      conditions.add("w.dormant_at IS NOT NULL");
    } else if (filter.dormancy() == Dormancy.AWAKE) {
      conditions.add("w.dormant_at IS NULL");
    }
    return conditions;
  }

  @Override
  public Future<Optional<Deployment>> beginTransition(UUID workspaceId, Transition transition, UUID initiatorId,
      UUID templateVersionId, UUID thenStartVersionId, UsageCheck withinQuota, AuditRecord audit) {
    return quotaChecked(workspaceId, withinQuota, conn -> begin(conn, Begin.byPerson(workspaceId, transition,
        initiatorId, templateVersionId, thenStartVersionId))
        .compose(begun -> recordedIf(conn, begun.isPresent(), audit, begun)));
  }

  @Override
  public Future<Optional<Deployment>> beginScheduled(Workspace seen, Transition transition, ScheduleReason reason,
      OffsetDateTime nextAutostartAt, UsageCheck withinQuota, AuditRecord audit) {
    return quotaChecked(seen.id(), withinQuota, conn -> begin(conn, new Begin(seen.id(), transition, SCHEDULE,
        seen.templateVersionId(), null, reason, seen, nextAutostartAt))
        .compose(begun -> recordedIf(conn, begun.isPresent(), audit, begun)));
  }

  /** {@code result}, with {@code audit} written in the same transaction when the change happened (null: none to write). */
  private static <T> Future<T> recordedIf(SqlClient conn, boolean changed, AuditRecord audit, T result) {
    return changed && audit != null ? PgAuditLog.insert(conn, audit).map(result) : Future.succeededFuture(result);
  }

  private Future<Optional<Deployment>> quotaChecked(UUID workspaceId, UsageCheck withinQuota,
      Function<SqlClient, Future<Optional<Deployment>>> begin) {
    if (withinQuota == UsageCheck.NONE) {
      return pool.withTransaction(begin::apply);
    }
    return pool.withTransaction(conn -> SqlTemplate.forQuery(conn,
            "SELECT owner_id FROM workspace.workspaces WHERE id = #{id}")
        .execute(Map.of("id", workspaceId))
        .compose(rows -> rows.size() == 0
            ? Future.succeededFuture(Optional.<Deployment>empty())
            : checkedUsage(conn, rows.iterator().next().getUUID("owner_id"), withinQuota)
                .compose(withinLimits -> begin.apply(conn))));
  }

  /**
   * What a transition begins with. {@code reason} is null when a person began it; the schedule
   * gives its reason and the workspace as it judged it ({@code seen}): the transition begins only
   * if the workspace has not changed or been used since. {@code nextAutostartAt} (an autostart
   * only) is stored with it, so the same occurrence never starts it twice.
   */
  private record Begin(UUID workspaceId, Transition transition, UUID initiatorId, UUID templateVersionId,
      UUID thenStartVersionId, ScheduleReason reason, Workspace seen, OffsetDateTime nextAutostartAt) {

    static Begin byPerson(UUID workspaceId, Transition transition, UUID initiatorId, UUID templateVersionId,
        UUID thenStartVersionId) {
      return new Begin(workspaceId, transition, initiatorId, templateVersionId, thenStartVersionId, null, null, null);
    }
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
  private static Future<Optional<Deployment>> begin(SqlClient conn, Begin b) {
    Map<String, Object> params = new HashMap<>();
    params.put("id", b.workspaceId());
    params.put("during", b.transition().during().name());
    params.put("from", b.transition().from().stream().map(Enum::name).toArray(String[]::new));
    params.put("versionId", b.templateVersionId());
    params.put("guarded", b.seen() != null);
    params.put("seenUpdatedAt", b.seen() == null ? null : b.seen().updatedAt());
    params.put("seenLastUsedAt", b.seen() == null ? null : b.seen().lastUsedAt());
    params.put("advancesAutostart", b.nextAutostartAt() != null);
    params.put("nextAutostartAt", b.nextAutostartAt());
    return SqlTemplate.forUpdate(conn, """
            UPDATE workspace.workspaces
               SET state = #{during}, failure_reason = NULL, template_version_id = #{versionId}, updated_at = now(),
                   next_autostart_at = CASE WHEN #{advancesAutostart} THEN #{nextAutostartAt}::timestamptz
                                            ELSE next_autostart_at END
             WHERE id = #{id} AND deleted_at IS NULL AND state = ANY(#{from})
               -- a dormant workspace does not start, even if it became dormant after the start was asked
               AND (#{during} <> 'STARTING' OR dormant_at IS NULL)
               AND (NOT #{guarded} OR (updated_at = #{seenUpdatedAt}::timestamptz
                    AND last_used_at IS NOT DISTINCT FROM #{seenLastUsedAt}::timestamptz))""")
        .execute(params)
        .compose(updated -> updated.rowCount() == 0
            ? Future.succeededFuture(Optional.<Deployment>empty())
            : PgDeploymentRepository.insertNext(conn, b.workspaceId(), b.transition(), b.templateVersionId(),
                    b.initiatorId(), b.thenStartVersionId(), b.reason())
                .map(Optional::of));
  }

  @Override
  public Future<Void> finishTransition(UUID workspaceId, WorkspaceState state, String failureReason,
      AuditRecord audit) {
    return pool.withTransaction(conn -> setState(conn, workspaceId, state, failureReason, OffsetDateTime.now(clock))
        .compose(set -> recordedIf(conn, true, audit, null)));
  }

  @Override
  public Future<Optional<Deployment>> finishDeployment(Deployment d, DeploymentRepository.Claim claim,
      DeploymentStatus status, WorkspaceState state, String failureReason) {
    boolean startFollows = status == DeploymentStatus.SUCCEEDED && d.thenStartVersionId() != null
        && state == WorkspaceState.STOPPED;
    return pool.withTransaction(conn -> PgDeploymentRepository.finish(conn, d, claim, status, failureReason)
        .compose(held -> held
            ? setState(conn, d.workspaceId(), state, failureReason, OffsetDateTime.now(clock))
            : Future.failedFuture(new ClaimLostException("deployment #" + d.number() + " of workspace "
                + d.workspaceId() + " is no longer claimed by " + claim.instanceId())))
        .compose(finished -> startFollows
            ? begin(conn, Begin.byPerson(d.workspaceId(), Transition.START, d.initiatorId(), d.thenStartVersionId(),
                null))
            : Future.succeededFuture(Optional.<Deployment>empty())));
  }

  private static Future<Void> setState(SqlClient client, UUID workspaceId, WorkspaceState state, String failureReason,
      OffsetDateTime now) {
    Map<String, Object> params = new HashMap<>();
    params.put("id", workspaceId);
    params.put("state", state.name());
    params.put("reason", failureReason);
    params.put("deleted", state == WorkspaceState.DELETED);
    params.put("running", state == WorkspaceState.RUNNING);
    params.put("now", now);
    // a start that just finished counts as use: the inactivity deadline runs from it
    return SqlTemplate.forUpdate(client, """
            UPDATE workspace.workspaces
               SET state = #{state}, failure_reason = #{reason}, updated_at = now(),
                   deleted_at = CASE WHEN #{deleted} THEN now() ELSE NULL END,
                   last_used_at = CASE WHEN #{running} THEN #{now}::timestamptz ELSE last_used_at END
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
      Map<String, String> values, AuditRecord audit) {
    return pool.withTransaction(conn -> SqlTemplate.forUpdate(conn, """
            UPDATE workspace.workspaces SET template_version_id = #{versionId}, parameters = #{values}, updated_at = now()
             WHERE id = #{id} AND state IN ('STOPPED', 'FAILED') AND parameters = #{expected}""")
        .execute(Map.of("id", workspaceId, "versionId", templateVersionId, "expected", json(expected), "values", json(values)))
        .compose(result -> recordedIf(conn, result.rowCount() == 1, audit, result.rowCount() == 1)));
  }

  @Override
  public Future<Void> setSharing(UUID workspaceId, String sharing, AuditRecord audit) {
    return pool.withTransaction(conn -> SqlTemplate.forUpdate(conn,
            "UPDATE workspace.workspaces SET sharing = #{value}, updated_at = now() WHERE id = #{id}")
        .execute(Map.of("id", workspaceId, "value", sharing))
        .compose(result -> recordedIf(conn, result.rowCount() == 1, audit, null)));
  }

  @Override
  public Future<Optional<WorkspaceState>> setParameters(UUID workspaceId, Map<String, String> expected,
      Map<String, String> values, AuditRecord audit) {
    return pool.withTransaction(conn -> SqlTemplate.forQuery(conn, """
            UPDATE workspace.workspaces SET parameters = #{values}, updated_at = now()
             WHERE id = #{id} AND state IN ('RUNNING', 'STOPPED', 'FAILED') AND parameters = #{expected}
            RETURNING state""")
        .execute(Map.of("id", workspaceId, "expected", json(expected), "values", json(values)))
        .map(rows -> rows.rowCount() == 1
            ? Optional.of(WorkspaceState.valueOf(rows.iterator().next().getString("state")))
            : Optional.<WorkspaceState>empty())
        .compose(stateThen -> recordedIf(conn, stateThen.isPresent(), audit, stateThen)));
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
  public Future<Void> setSchedule(UUID workspaceId, WorkspaceSchedule schedule, OffsetDateTime nextAutostartAt,
      AuditRecord audit) {
    Map<String, Object> params = new HashMap<>();
    params.put("id", workspaceId);
    params.put("schedule", ContractJson.toJson(schedule));
    params.put("next", nextAutostartAt);
    return pool.withTransaction(conn -> SqlTemplate.forUpdate(conn, """
            UPDATE workspace.workspaces SET schedule = #{schedule}, next_autostart_at = #{next}, updated_at = now()
             WHERE id = #{id}""")
        .execute(params)
        .compose(result -> recordedIf(conn, result.rowCount() == 1, audit, null)));
  }

  @Override
  public Future<Boolean> makeDormant(Workspace seen, OffsetDateTime at, AuditRecord audit) {
    Map<String, Object> params = new HashMap<>();
    params.put("id", seen.id());
    params.put("at", at);
    params.put("seenUpdatedAt", seen.updatedAt());
    params.put("seenLastUsedAt", seen.lastUsedAt());
    return pool.withTransaction(conn -> SqlTemplate.forUpdate(conn, """
            UPDATE workspace.workspaces SET dormant_at = #{at}, updated_at = now()
             WHERE id = #{id} AND deleted_at IS NULL AND state = 'STOPPED' AND dormant_at IS NULL
               AND updated_at = #{seenUpdatedAt} AND last_used_at IS NOT DISTINCT FROM #{seenLastUsedAt}::timestamptz""")
        .execute(params)
        .compose(result -> recordedIf(conn, result.rowCount() == 1, audit, result.rowCount() == 1)));
  }

  @Override
  public Future<Boolean> wake(UUID workspaceId, OffsetDateTime at, AuditRecord audit) {
    return pool.withTransaction(conn -> SqlTemplate.forUpdate(conn, """
            UPDATE workspace.workspaces SET dormant_at = NULL, last_used_at = #{at}, updated_at = now()
             WHERE id = #{id} AND deleted_at IS NULL AND dormant_at IS NOT NULL AND state IN ('STOPPED', 'FAILED')""")
        .execute(Map.of("id", workspaceId, "at", at))
        .compose(result -> recordedIf(conn, result.rowCount() == 1, audit, result.rowCount() == 1)));
  }

  @Override
  public Future<Boolean> moveAutostart(UUID workspaceId, OffsetDateTime seen, OffsetDateTime next) {
    return SqlTemplate.forUpdate(pool, """
            UPDATE workspace.workspaces SET next_autostart_at = #{next}
             WHERE id = #{id} AND next_autostart_at = #{seen}""")
        .execute(Map.of("id", workspaceId, "seen", seen, "next", next))
        .map(result -> result.rowCount() == 1);
  }

  @Override
  public Future<Boolean> recordActivity(UUID workspaceId, OffsetDateTime at, Duration window, AuditRecord audit) {
    String update = """
        UPDATE workspace.workspaces SET last_used_at = #{at}
         WHERE id = #{id} AND deleted_at IS NULL AND (last_used_at IS NULL OR last_used_at <= #{notAfter})""";
    Map<String, Object> params = Map.of("id", workspaceId, "at", at, "notAfter", at.minus(window));
    if (audit == null) {
      return SqlTemplate.forUpdate(pool, update).execute(params).map(result -> result.rowCount() == 1);
    }
    return pool.withTransaction(conn -> SqlTemplate.forUpdate(conn, update).execute(params)
        .compose(result -> recordedIf(conn, result.rowCount() == 1, audit, result.rowCount() == 1)));
  }

  @Override
  public Future<List<Workspace>> listLive() {
    return pool.query(SELECT + " WHERE w.deleted_at IS NULL")
        .mapping(new WorkspaceRows()::workspace)
        .execute()
        .map(Rows::list);
  }

  @Override
  public Future<Usage> usage(UUID ownerId) {
    return usage(pool, ownerId);
  }

  /**
   * CPU and memory count for workspaces that run or are about to, and for those stopping in order to
   * start again (a restart or an update), with the version they will start: a restart holds its
   * resources through its stop, so nothing else can take them meanwhile.
   */
  private static Future<Usage> usage(SqlClient client, UUID ownerId) {
    return SqlTemplate.forQuery(client, """
            SELECT count(DISTINCT w.id) AS workspaces,
                   COALESCE(sum((v.spec->>'cpuMillis')::int) FILTER (WHERE v.id IS NOT NULL), 0) AS cpu,
                   COALESCE(sum((v.spec->>'memoryMb')::int) FILTER (WHERE v.id IS NOT NULL), 0) AS memory
              FROM workspace.workspaces w
              LEFT JOIN workspace.deployments restart
                     ON restart.workspace_id = w.id AND w.state = 'STOPPING'
                    AND restart.then_start_version_id IS NOT NULL AND restart.status IN ('PENDING', 'RUNNING')
              LEFT JOIN workspace.template_versions v
                     ON (w.state IN ('PENDING', 'STARTING', 'RUNNING') AND v.id = w.template_version_id)
                     OR v.id = restart.then_start_version_id
             WHERE w.owner_id = #{owner} AND w.deleted_at IS NULL""")
        .execute(Map.of("owner", ownerId))
        .map(rows -> {
          Row row = rows.iterator().next();
          return new Usage(row.getLong("workspaces").intValue(), row.getLong("cpu").intValue(),
              row.getLong("memory").intValue());
        });
  }

  /**
   * Reads the workspaces of one result ({@link #SELECT}'s columns, found by position once rather
   * than by name in every row): each distinct JSON text (parameters, schedules) is read once, as a
   * page's workspaces share their templates' schedules and mostly have no parameters or schedule
   * of their own.
   */
  private static final class WorkspaceRows {

    private static final List<String> COLUMNS = List.of("id", "owner_id", "owner_name", "name", "template_id",
        "template_version_id", "parameters", "state", "failure_reason", "docker_host_id", "sharing", "created_at",
        "updated_at", "last_used_at", "schedule", "next_autostart_at", "dormant_at", "template_schedule");
    private static final int ID = 0;
    private static final int OWNER_ID = 1;
    private static final int OWNER_NAME = 2;
    private static final int NAME = 3;
    private static final int TEMPLATE_ID = 4;
    private static final int TEMPLATE_VERSION_ID = 5;
    private static final int PARAMETERS = 6;
    private static final int STATE = 7;
    private static final int FAILURE_REASON = 8;
    private static final int DOCKER_HOST_ID = 9;
    private static final int SHARING = 10;
    private static final int CREATED_AT = 11;
    private static final int UPDATED_AT = 12;
    private static final int LAST_USED_AT = 13;
    private static final int SCHEDULE = 14;
    private static final int NEXT_AUTOSTART_AT = 15;
    private static final int DORMANT_AT = 16;
    private static final int TEMPLATE_SCHEDULE = 17;

    private final Map<String, Map<String, String>> parameters = new HashMap<>();
    private final Map<String, WorkspaceSchedule> ownSchedules = new HashMap<>();
    private final Map<String, TemplateSchedule> templateSchedules = new HashMap<>();
    /** Where each of {@link #COLUMNS} is in this result's rows. */
    private int[] at;

    Workspace workspace(Row row) {
      if (at == null) {
        at = COLUMNS.stream().mapToInt(row::getColumnIndex).toArray();
      }
      WorkspaceSchedule own = ownSchedules.computeIfAbsent(text(row, SCHEDULE),
          json -> ContractJson.fromJson(new JsonObject(json), WorkspaceSchedule.class));
      TemplateSchedule rules = templateSchedules.computeIfAbsent(text(row, TEMPLATE_SCHEDULE),
          json -> ContractJson.fromJson(new JsonObject(json), TemplateSchedule.class));
      WorkspaceState state = WorkspaceState.valueOf(row.getString(at[STATE]));
      OffsetDateTime lastUsedAt = row.getOffsetDateTime(at[LAST_USED_AT]);
      OffsetDateTime updatedAt = row.getOffsetDateTime(at[UPDATED_AT]);
      Integer timeout = rules.timeoutFor(own);
      OffsetDateTime stopsAt = state == WorkspaceState.RUNNING && timeout != null
          ? (lastUsedAt != null ? lastUsedAt : updatedAt).plusMinutes(timeout) : null;
      OffsetDateTime dormantAt = row.getOffsetDateTime(at[DORMANT_AT]);
      // a dormant workspace does not start on its own: it waits to be woken
      OffsetDateTime nextAutostartAt = rules.autostartAllowed() && dormantAt == null
          ? row.getOffsetDateTime(at[NEXT_AUTOSTART_AT]) : null;
      OffsetDateTime deletesAt = dormantAt != null && rules.deleteDormantAfterDays() != null
          ? dormantAt.plusDays(rules.deleteDormantAfterDays())
          : state == WorkspaceState.FAILED && rules.deleteFailedAfterDays() != null
              ? updatedAt.plusDays(rules.deleteFailedAfterDays()) : null;
      return new Workspace(row.getUUID(at[ID]), row.getUUID(at[OWNER_ID]), row.getString(at[OWNER_NAME]),
          row.getString(at[NAME]), row.getUUID(at[TEMPLATE_ID]), row.getUUID(at[TEMPLATE_VERSION_ID]),
          parameters.computeIfAbsent(text(row, PARAMETERS), WorkspaceRows::parameters),
          state, row.getString(at[FAILURE_REASON]), row.getString(at[DOCKER_HOST_ID]), row.getString(at[SHARING]),
          row.getOffsetDateTime(at[CREATED_AT]), updatedAt, lastUsedAt, own, stopsAt, nextAutostartAt, dormantAt,
          deletesAt);
    }

    private String text(Row row, int column) {
      return row.getString(at[column]);
    }

    /** A workspace's parameters as text: every value as a string (shared by rows: each Workspace copies it). */
    private static Map<String, String> parameters(String json) {
      Map<String, String> parameters = new LinkedHashMap<>();
      if (json != null) {
        new JsonObject(json).forEach(e -> parameters.put(e.getKey(), String.valueOf(e.getValue())));
      }
      return parameters;
    }
  }
}
