package io.devsanctum.workspace.repository.pg;

import io.devsanctum.common.contract.audit.AuditRecord;
import io.devsanctum.common.contract.workspace.Quota;
import io.devsanctum.workspace.repository.QuotaRepository;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

public class PgQuotaRepository implements QuotaRepository {

  private final Pool pool;

  public PgQuotaRepository(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Quota> find(UUID userId) {
    return SqlTemplate.forQuery(pool,
            "SELECT max_workspaces, max_cpu_millis, max_memory_mb FROM workspace.quotas WHERE user_id = #{id}")
        .mapTo(row -> new Quota(userId, row.getInteger("max_workspaces"), row.getInteger("max_cpu_millis"),
            row.getInteger("max_memory_mb")))
        .execute(Map.of("id", userId))
        .map(rows -> Rows.first(rows).orElse(Quota.unlimited(userId)));
  }

  @Override
  public Future<Void> save(Quota quota, AuditRecord audit) {
    Map<String, Object> params = new HashMap<>();
    params.put("id", quota.userId());
    params.put("workspaces", quota.maxWorkspaces());
    params.put("cpu", quota.maxCpuMillis());
    params.put("memory", quota.maxMemoryMb());
    return pool.withTransaction(conn -> SqlTemplate.forUpdate(conn, """
            INSERT INTO workspace.quotas (user_id, max_workspaces, max_cpu_millis, max_memory_mb)
            VALUES (#{id}, #{workspaces}, #{cpu}, #{memory})
            ON CONFLICT (user_id) DO UPDATE
               SET max_workspaces = EXCLUDED.max_workspaces, max_cpu_millis = EXCLUDED.max_cpu_millis,
                   max_memory_mb = EXCLUDED.max_memory_mb, updated_at = now()""")
        .execute(params)
        .compose(saved -> PgAuditLog.insert(conn, audit)));
  }

  @Override
  public Future<Void> delete(UUID userId) {
    return SqlTemplate.forUpdate(pool, "DELETE FROM workspace.quotas WHERE user_id = #{id}")
        .execute(Map.of("id", userId))
        .mapEmpty();
  }
}
