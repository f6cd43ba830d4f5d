package io.devsanctum.auth.repository.pg;

import io.devsanctum.auth.repository.AuditOutbox;
import io.devsanctum.common.contract.ContractJson;
import io.devsanctum.common.contract.audit.AuditRecord;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/** The outbox in {@code auth.audit_outbox}. */
public class PgAuditOutbox implements AuditOutbox {

  private final Pool pool;

  public PgAuditOutbox(Pool pool) {
    this.pool = pool;
  }

  /** Writes {@code record} on {@code client}: the transaction of the change it records. */
  static Future<Void> insert(SqlClient client, AuditRecord record) {
    return SqlTemplate.forUpdate(client, "INSERT INTO auth.audit_outbox (id, record) VALUES (#{id}, #{record})")
        .execute(Map.of("id", record.id(), "record", ContractJson.toJson(record)))
        .mapEmpty();
  }

  /** {@code change} and its {@code record} in one transaction. */
  static <T> Future<T> recorded(Pool pool, AuditRecord record, Function<SqlConnection, Future<T>> change) {
    return pool.withTransaction(conn -> change.apply(conn).compose(result -> insert(conn, record).map(result)));
  }

  /** {@code result}, with {@code record} written on {@code client} when the change happened. */
  static <T> Future<T> recordedIf(SqlClient client, boolean changed, AuditRecord record, T result) {
    return changed ? insert(client, record).map(result) : Future.succeededFuture(result);
  }

  @Override
  public Future<Integer> deliver(int batch, Function<List<AuditRecord>, Future<Void>> deliver) {
    // SKIP LOCKED: several auth instances drain side by side, each taking rows no other holds
    return pool.withTransaction(conn -> SqlTemplate.forQuery(conn, """
            SELECT id, record FROM auth.audit_outbox ORDER BY created_at, id LIMIT #{batch}
            FOR UPDATE SKIP LOCKED""")
        .execute(Map.of("batch", batch))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(0);
          }
          List<AuditRecord> records = new ArrayList<>();
          List<UUID> ids = new ArrayList<>();
          for (Row row : rows) {
            ids.add(row.getUUID("id"));
            records.add(ContractJson.fromJson(row.getJsonObject("record"), AuditRecord.class));
          }
          return deliver.apply(records)
              .compose(stored -> SqlTemplate.forUpdate(conn, "DELETE FROM auth.audit_outbox WHERE id = ANY(#{ids})")
                  .execute(Map.of("ids", ids.toArray(UUID[]::new))))
              .map(deleted -> records.size());
        }));
  }
}
