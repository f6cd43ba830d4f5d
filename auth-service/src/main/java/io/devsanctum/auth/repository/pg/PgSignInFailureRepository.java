package io.devsanctum.auth.repository.pg;

import io.devsanctum.auth.repository.SignInFailureRepository;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.StreamSupport;

public class PgSignInFailureRepository implements SignInFailureRepository {

  private final Pool pool;

  public PgSignInFailureRepository(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Optional<List<Long>>> reserve(Map<String, Integer> limits, Instant at, Instant since) {
    // keys locked in one order, so two attempts sharing keys cannot deadlock
    Map<String, Integer> ordered = new TreeMap<>(limits);
    return pool.withTransaction(conn -> {
      Future<Boolean> underEveryLimit = Future.succeededFuture(true);
      for (Map.Entry<String, Integer> limit : ordered.entrySet()) {
        underEveryLimit = underEveryLimit.compose(under -> under
            ? lockAndCount(conn, limit.getKey(), since).map(count -> count < limit.getValue())
            : Future.succeededFuture(false));
      }
      return underEveryLimit.compose(under -> under
          ? insert(conn, List.copyOf(ordered.keySet()), at).map(Optional::of)
          : Future.succeededFuture(Optional.<List<Long>>empty()));
    });
  }

  private static Future<Long> lockAndCount(SqlConnection conn, String key, Instant since) {
    return SqlTemplate.forQuery(conn, "SELECT pg_advisory_xact_lock(hashtext(#{key}))")
        .execute(Map.of("key", key))
        .compose(locked -> SqlTemplate.forQuery(conn,
                "SELECT count(*) AS failures FROM auth.sign_in_failures WHERE key = #{key} AND failed_at > #{since}")
            .execute(Map.of("key", key, "since", timestamp(since))))
        .map(rows -> rows.iterator().next().getLong("failures"));
  }

  private static Future<List<Long>> insert(SqlConnection conn, List<String> keys, Instant at) {
    List<Long> ids = new ArrayList<>();
    Future<Void> inserted = Future.succeededFuture();
    for (String key : keys) {
      inserted = inserted.compose(v -> SqlTemplate.forQuery(conn,
              "INSERT INTO auth.sign_in_failures (key, failed_at) VALUES (#{key}, #{at}) RETURNING id")
          .execute(Map.of("key", key, "at", timestamp(at)))
          .map(rows -> {
            ids.add(rows.iterator().next().getLong("id"));
            return null;
          }));
    }
    return inserted.map(ids);
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
  public Future<Void> forget(String key, List<Long> ids) {
    return SqlTemplate.forUpdate(pool, "DELETE FROM auth.sign_in_failures WHERE key = #{key} OR id = ANY(#{ids})")
        .execute(Map.of("key", key, "ids", ids.toArray(new Long[0])))
        .mapEmpty();
  }

  @Override
  public Future<Map<String, Long>> countsSince(Instant since, int atLeast) {
    return SqlTemplate.forQuery(pool, """
            SELECT key, count(*) AS failures FROM auth.sign_in_failures
             WHERE failed_at > #{since} GROUP BY key HAVING count(*) >= #{atLeast}""")
        .execute(Map.of("since", timestamp(since), "atLeast", atLeast))
        .map(rows -> {
          Map<String, Long> counts = new TreeMap<>();
          rows.forEach(row -> counts.put(row.getString("key"), row.getLong("failures")));
          return counts;
        });
  }

  @Override
  public Future<Integer> forgetKeysLike(List<String> patterns) {
    return SqlTemplate.forUpdate(pool, "DELETE FROM auth.sign_in_failures WHERE key LIKE ANY(#{patterns})")
        .execute(Map.of("patterns", patterns.toArray(new String[0])))
        .map(result -> result.rowCount());
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
