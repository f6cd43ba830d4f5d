package io.devsanctum.auth.repository.pg;

import io.devsanctum.auth.model.RefreshRotation;
import io.devsanctum.auth.repository.RefreshTokenRepository;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

public class PgRefreshTokenRepository implements RefreshTokenRepository {

  private final Pool pool;

  public PgRefreshTokenRepository(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Instant> startFamily(UUID familyId, UUID userId, byte[] tokenHash, Duration lifetime) {
    return SqlTemplate.forQuery(pool, """
            WITH family AS (
              INSERT INTO auth.refresh_token_families (id, user_id) VALUES (#{familyId}, #{userId}) RETURNING id)
            INSERT INTO auth.refresh_tokens (token_hash, family_id, expires_at)
            SELECT #{hash}, id, now() + make_interval(secs => #{seconds}) FROM family
            RETURNING expires_at""")
        .execute(Map.of("familyId", familyId, "userId", userId,
            "hash", Buffer.buffer(tokenHash), "seconds", lifetime.toSeconds()))
        .map(rows -> rows.iterator().next().getOffsetDateTime("expires_at").toInstant());
  }

  @Override
  public Future<RefreshRotation> rotate(byte[] presentedHash, byte[] nextHash, Duration lifetime, Duration reuseGrace) {
    Map<String, Object> presented = Map.of("hash", Buffer.buffer(presentedHash));
    return pool.withTransaction(conn -> SqlTemplate.forQuery(conn, """
            UPDATE auth.refresh_tokens t SET rotated_at = now()
            FROM auth.refresh_token_families f JOIN auth.users u ON u.id = f.user_id
            WHERE t.token_hash = #{hash} AND t.family_id = f.id
              AND t.rotated_at IS NULL AND t.expires_at > now()
              AND f.revoked_at IS NULL AND u.status = 'active'
            RETURNING t.family_id, f.user_id""")
        .execute(presented)
        .compose(spent -> spent.rowCount() == 1
            ? storeSuccessor(conn, spent.iterator().next().getUUID("family_id"),
                spent.iterator().next().getUUID("user_id"), nextHash, lifetime)
            : whyNotRotated(conn, presentedHash, reuseGrace)));
  }

  private static Future<RefreshRotation> storeSuccessor(
      SqlConnection conn, UUID familyId, UUID userId, byte[] nextHash, Duration lifetime) {
    return SqlTemplate.forQuery(conn, """
            INSERT INTO auth.refresh_tokens (token_hash, family_id, expires_at)
            VALUES (#{hash}, #{familyId}, now() + make_interval(secs => #{seconds}))
            RETURNING expires_at""")
        .execute(Map.of("hash", Buffer.buffer(nextHash), "familyId", familyId, "seconds", lifetime.toSeconds()))
        .map(rows -> new RefreshRotation.Rotated(familyId, userId,
            rows.iterator().next().getOffsetDateTime("expires_at").toInstant()));
  }

  private static Future<RefreshRotation> whyNotRotated(SqlConnection conn, byte[] presentedHash, Duration reuseGrace) {
    return SqlTemplate.forQuery(conn, """
            SELECT t.family_id, t.rotated_at > now() - make_interval(secs => #{grace}) AS just_rotated
              FROM auth.refresh_tokens t JOIN auth.refresh_token_families f ON f.id = t.family_id
             WHERE t.token_hash = #{hash} AND t.rotated_at IS NOT NULL AND f.revoked_at IS NULL""")
        .execute(Map.of("hash", Buffer.buffer(presentedHash), "grace", (double) reuseGrace.toMillis() / 1000))
        .map(rows -> {
          if (rows.rowCount() != 1) {
            return new RefreshRotation.Rejected();
          }
          Row row = rows.iterator().next();
          return row.getBoolean("just_rotated")
              ? new RefreshRotation.JustRotated()
              : new RefreshRotation.AlreadyRotated(row.getUUID("family_id"));
        });
  }

  @Override
  public Future<Boolean> isLive(UUID familyId, UUID userId) {
    return SqlTemplate.forQuery(pool, """
            SELECT 1 FROM auth.refresh_token_families f
            WHERE f.id = #{familyId} AND f.user_id = #{userId} AND f.revoked_at IS NULL
              AND EXISTS (SELECT 1 FROM auth.refresh_tokens t WHERE t.family_id = f.id AND t.expires_at > now())""")
        .execute(Map.of("familyId", familyId, "userId", userId))
        .map(rows -> rows.rowCount() == 1);
  }

  @Override
  public Future<Optional<UUID>> revokeFamilyOf(byte[] tokenHash, String reason) {
    return SqlTemplate.forQuery(pool, """
            UPDATE auth.refresh_token_families SET revoked_at = now(), revoked_reason = #{reason}
            WHERE revoked_at IS NULL
              AND id = (SELECT family_id FROM auth.refresh_tokens WHERE token_hash = #{hash})
            RETURNING user_id""")
        .execute(Map.of("hash", Buffer.buffer(tokenHash), "reason", reason))
        .map(PgRefreshTokenRepository::revokedUser);
  }

  @Override
  public Future<Optional<UUID>> revokeFamily(UUID familyId, String reason) {
    return SqlTemplate.forQuery(pool, """
            UPDATE auth.refresh_token_families SET revoked_at = now(), revoked_reason = #{reason}
            WHERE id = #{familyId} AND revoked_at IS NULL
            RETURNING user_id""")
        .execute(Map.of("familyId", familyId, "reason", reason))
        .map(PgRefreshTokenRepository::revokedUser);
  }

  private static Optional<UUID> revokedUser(RowSet<Row> rows) {
    return rows.rowCount() == 1 ? Optional.of(rows.iterator().next().getUUID("user_id")) : Optional.empty();
  }

  @Override
  public Future<Void> revokeAllOf(UUID userId, String reason) {
    return SqlTemplate.forUpdate(pool, """
            UPDATE auth.refresh_token_families SET revoked_at = now(), revoked_reason = #{reason}
            WHERE user_id = #{userId} AND revoked_at IS NULL""")
        .execute(Map.of("userId", userId, "reason", reason))
        .mapEmpty();
  }
}
