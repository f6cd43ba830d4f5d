package io.devsanctum.auth.repository.pg;

import io.devsanctum.auth.repository.SignInFailureRepository;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

public class PgSignInFailureRepository implements SignInFailureRepository {

  private final Pool pool;

  public PgSignInFailureRepository(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Void> record(List<String> keys, Instant at) {
    return SqlTemplate.forUpdate(pool, "INSERT INTO auth.sign_in_failures (key, failed_at) VALUES (#{key}, #{at})")
        .executeBatch(keys.stream().map(key -> Map.<String, Object>of("key", key, "at", timestamp(at))).toList())
        .mapEmpty();
  }

  @Override
  public Future<List<Instant>> newest(String key, Instant since, int limit) {
    return SqlTemplate.forQuery(pool, """
            SELECT failed_at FROM auth.sign_in_failures
             WHERE key = #{key} AND failed_at > #{since}
             ORDER BY failed_at DESC LIMIT #{limit}""")
        .execute(Map.of("key", key, "since", timestamp(since), "limit", limit))
        .map(rows -> StreamSupport.stream(rows.spliterator(), false)
            .map((Row row) -> row.getOffsetDateTime("failed_at").toInstant())
            .toList());
  }

  @Override
  public Future<Void> forget(String key) {
    return SqlTemplate.forUpdate(pool, "DELETE FROM auth.sign_in_failures WHERE key = #{key}")
        .execute(Map.of("key", key))
        .mapEmpty();
  }

  @Override
  public Future<Integer> purge(Instant cutoff) {
    return SqlTemplate.forUpdate(pool, "DELETE FROM auth.sign_in_failures WHERE failed_at <= #{cutoff}")
        .execute(Map.of("cutoff", timestamp(cutoff)))
        .map(result -> result.rowCount());
  }

  private static OffsetDateTime timestamp(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
