package io.devsanctum.workspace.repository.pg;

import io.devsanctum.common.contract.ContractJson;
import io.devsanctum.common.contract.audit.AuditAction;
import io.devsanctum.common.contract.audit.AuditActor;
import io.devsanctum.common.contract.audit.AuditChange;
import io.devsanctum.common.contract.audit.AuditFilter;
import io.devsanctum.common.contract.audit.AuditRecord;
import io.devsanctum.common.contract.audit.AuditResult;
import io.devsanctum.common.contract.audit.AuditTarget;
import io.devsanctum.common.contract.audit.AuditTargetType;
import io.devsanctum.common.db.Keyset;
import io.devsanctum.common.paging.Page;
import io.devsanctum.common.paging.PageRequest;
import io.devsanctum.workspace.repository.AuditLog;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit log in {@code workspace.audit_events}. {@link #insert} is what this service's other
 * repositories call inside the transaction of the change a record describes; the table's trigger
 * refuses every update and every delete but the retention's.
 */
public class PgAuditLog implements AuditLog {

  private static final String INSERT = """
      INSERT INTO workspace.audit_events (id, occurred_at, actor_kind, actor_id, actor_name, action, target_type,
        target_id, target_name, change, client_address, user_agent, request_id, success, status, code)
      VALUES (#{id}, #{occurredAt}, #{actorKind}, #{actorId}, #{actorName}, #{action}, #{targetType}, #{targetId},
        #{targetName}, #{change}, #{clientAddress}, #{userAgent}, #{requestId}, #{success}, #{status}, #{code})
      ON CONFLICT (id) DO NOTHING""";
  private static final String SELECT = "SELECT id, seq, occurred_at, actor_kind, actor_id, actor_name, action,"
      + " target_type, target_id, target_name, change, client_address, user_agent, request_id, success, status, code"
      + " FROM workspace.audit_events";

  /** Newest written first: a record delivered late (an outbox's) still comes before the cursor of a reader paging now. */
  private static final Keyset NEWEST_FIRST = Keyset.descending(Keyset.bigint("seq"));

  private final Pool pool;

  public PgAuditLog(Pool pool) {
    this.pool = pool;
  }

  /** Writes {@code record} on {@code client}: the transaction of the change it records. */
  public static Future<Void> insert(SqlClient client, AuditRecord record) {
    return SqlTemplate.forUpdate(client, INSERT).execute(params(record)).mapEmpty();
  }

  @Override
  public Future<Void> append(List<AuditRecord> records) {
    if (records.isEmpty()) {
      return Future.succeededFuture();
    }
    return pool.withTransaction(conn -> SqlTemplate.forUpdate(conn, INSERT)
        .executeBatch(records.stream().map(PgAuditLog::params).toList())).mapEmpty();
  }

  @Override
  public Future<Page<AuditRecord>> page(AuditFilter filter, PageRequest page) {
    Map<String, Object> params = new HashMap<>();
    return NEWEST_FIRST.page(pool, SELECT, conditions(filter, params), params, page, PgAuditLog::record);
  }

  @Override
  public Future<Integer> removeOlderThan(OffsetDateTime cutoff) {
    // the trigger lets a delete through only below the cutoff this transaction names
    return pool.withTransaction(conn -> SqlTemplate.forQuery(conn,
            "SELECT set_config('devsanctum.audit_retention_cutoff', #{cutoff}, true)")
        .execute(Map.of("cutoff", cutoff.toString()))
        .compose(set -> SqlTemplate.forUpdate(conn, "DELETE FROM workspace.audit_events WHERE occurred_at < #{cutoff}")
            .execute(Map.of("cutoff", cutoff)))
        .map(deleted -> deleted.rowCount()));
  }

  /** The filter as conditions on fixed columns (only values are parameters). */
  private static List<String> conditions(AuditFilter filter, Map<String, Object> params) {
    List<String> conditions = new ArrayList<>();
    add(conditions, params, "actor_id = #{actor}", "actor", filter.actor());
    add(conditions, params, "lower(actor_name) = lower(#{actorName})", "actorName", filter.actorName());
    add(conditions, params, "action = #{action}", "action",
        filter.action() == null ? null : filter.action().wireName());
    add(conditions, params, "target_type = #{targetType}", "targetType",
        filter.targetType() == null ? null : filter.targetType().wireName());
    add(conditions, params, "target_id = #{targetId}", "targetId", filter.targetId());
    add(conditions, params, "success = #{success}", "success", filter.success());
    add(conditions, params, "occurred_at >= #{from}", "from", filter.from());
    add(conditions, params, "occurred_at < #{to}", "to", filter.to());
    return conditions;
  }

  private static void add(List<String> conditions, Map<String, Object> params, String condition, String name,
      Object value) {
    if (value != null) {
      conditions.add(condition);
      params.put(name, value);
    }
  }

  private static Map<String, Object> params(AuditRecord r) {
    Map<String, Object> params = new HashMap<>();
    params.put("id", r.id());
    params.put("occurredAt", r.occurredAt());
    params.put("actorKind", r.actor().kind().wireName());
    params.put("actorId", r.actor().userId());
    params.put("actorName", r.actor().name());
    params.put("action", r.action().wireName());
    params.put("targetType", r.target().type().wireName());
    params.put("targetId", r.target().id());
    params.put("targetName", r.target().name());
    params.put("change", ContractJson.toJson(r.change()));
    params.put("clientAddress", r.clientAddress());
    params.put("userAgent", r.userAgent());
    params.put("requestId", r.requestId());
    params.put("success", r.result().success());
    params.put("status", r.result().status());
    params.put("code", r.result().code());
    return params;
  }

  private static AuditRecord record(Row row) {
    AuditResult result = new AuditResult(row.getBoolean("success"), row.getInteger("status"), row.getString("code"));
    return new AuditRecord(row.getUUID("id"), row.getOffsetDateTime("occurred_at"),
        new AuditActor(AuditActor.Kind.fromWire(row.getString("actor_kind")), row.getUUID("actor_id"),
            row.getString("actor_name")),
        AuditAction.fromWire(row.getString("action")),
        new AuditTarget(AuditTargetType.fromWire(row.getString("target_type")), row.getUUID("target_id"),
            row.getString("target_name")),
        ContractJson.fromJson(row.getJsonObject("change"), AuditChange.class),
        row.getString("client_address"), row.getString("user_agent"), row.getString("request_id"), result);
  }
}
