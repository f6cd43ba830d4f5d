package io.devsanctum.auth.repository.pg;

import io.devsanctum.common.contract.audit.AuditRecord;
import java.util.function.Function;
import io.devsanctum.auth.model.ProviderSession;
import io.devsanctum.auth.model.RefreshRotation;
import io.devsanctum.auth.model.StoredUser;
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
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

public class PgRefreshTokenRepository implements RefreshTokenRepository {

  /**
   * A common table expression forgetting the provider sessions of families signed out too long ago
   * to be signed out again; the repeat window as parameter {@code repeatable} (seconds).
   */
  private static final String FORGET_OLD_HINTS = """
      forgotten AS (
        UPDATE auth.refresh_token_families SET id_token_hint = NULL
         WHERE id_token_hint IS NOT NULL AND revoked_at <= now() - make_interval(secs => #{repeatable}))
      """;

  private final Pool pool;

  public PgRefreshTokenRepository(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Instant> startFamily(UUID familyId, UUID userId, byte[] tokenHash, Duration lifetime,
      ProviderSession providerSession, Duration maxAge, AuditRecord audit) {
    Map<String, Object> params = new HashMap<>();
    params.put("familyId", familyId);
    params.put("userId", userId);
    params.put("hash", Buffer.buffer(tokenHash));
    params.put("seconds", lifetime.toSeconds());
    params.put("provider", providerSession == null ? null : providerSession.provider());
    params.put("idTokenHint", providerSession == null ? null : providerSession.idTokenHint());
    params.put("repeatable", SIGN_OUT_REPEATABLE.toSeconds());
    params.put("maxAge", maxAge == null ? null : maxAge.toSeconds());
    return PgAuditOutbox.recorded(pool, audit, conn -> SqlTemplate.forQuery(conn, "WITH " + FORGET_OLD_HINTS + """
            , family AS (
              INSERT INTO auth.refresh_token_families (id, user_id, provider, id_token_hint, ends_at)
              VALUES (#{familyId}, #{userId}, #{provider}, #{idTokenHint},
                      now() + make_interval(secs => #{maxAge}::bigint)) RETURNING id, ends_at)
            INSERT INTO auth.refresh_tokens (token_hash, family_id, expires_at)
            SELECT #{hash}, id, least(now() + make_interval(secs => #{seconds}), ends_at) FROM family
            RETURNING expires_at""")
        .execute(params)
        .map(rows -> rows.iterator().next().getOffsetDateTime("expires_at").toInstant()));
  }

  @Override
  public Future<RefreshRotation> rotate(byte[] presentedHash, byte[] nextHash, Duration lifetime, Duration reuseGrace) {
    Map<String, Object> presented = Map.of("hash", Buffer.buffer(presentedHash));
    return pool.withTransaction(conn -> SqlTemplate.forQuery(conn, """
            UPDATE auth.refresh_tokens t SET rotated_at = now()
            FROM auth.refresh_token_families f JOIN auth.users u ON u.id = f.user_id
            WHERE t.token_hash = #{hash} AND t.family_id = f.id
              AND t.rotated_at IS NULL AND t.expires_at > now()
              AND f.revoked_at IS NULL AND (f.ends_at IS NULL OR f.ends_at > now()) AND u.status = 'active'
            RETURNING t.family_id, f.user_id""")
        .execute(presented)
        .compose(spent -> spent.rowCount() == 1
            ? storeSuccessor(conn, spent.iterator().next().getUUID("family_id"),
                spent.iterator().next().getUUID("user_id"), presentedHash, nextHash, lifetime, false)
            : whyNotRotated(conn, presentedHash, nextHash, lifetime, reuseGrace)));
  }

  private static Future<RefreshRotation> storeSuccessor(SqlConnection conn, UUID familyId, UUID userId,
      byte[] parentHash, byte[] nextHash, Duration lifetime, boolean replacedLostAnswer) {
    return SqlTemplate.forQuery(conn, """
            INSERT INTO auth.refresh_tokens (token_hash, family_id, parent_hash, expires_at)
            SELECT #{hash}, #{familyId}, #{parent}, least(now() + make_interval(secs => #{seconds}), f.ends_at)
              FROM auth.refresh_token_families f WHERE f.id = #{familyId}
            RETURNING expires_at""")
        .execute(Map.of("hash", Buffer.buffer(nextHash), "familyId", familyId, "parent", Buffer.buffer(parentHash),
            "seconds", lifetime.toSeconds()))
        .map(rows -> new RefreshRotation.Rotated(familyId, userId,
            rows.iterator().next().getOffsetDateTime("expires_at").toInstant(), replacedLostAnswer));
  }

  private static Future<RefreshRotation> whyNotRotated(SqlConnection conn, byte[] presentedHash, byte[] nextHash,
      Duration lifetime, Duration reuseGrace) {
    return SqlTemplate.forQuery(conn, """
            SELECT t.family_id, f.user_id,
                   greatest(0, extract(epoch FROM t.rotated_at + make_interval(secs => #{grace}) - now())) AS grace_left
              FROM auth.refresh_tokens t
              JOIN auth.refresh_token_families f ON f.id = t.family_id
              JOIN auth.users u ON u.id = f.user_id
             WHERE t.token_hash = #{hash} AND t.rotated_at IS NOT NULL
               AND f.revoked_at IS NULL AND (f.ends_at IS NULL OR f.ends_at > now()) AND u.status = 'active'""")
        .execute(Map.of("hash", Buffer.buffer(presentedHash), "grace", (double) reuseGrace.toMillis() / 1000))
        .compose(rows -> {
          if (rows.rowCount() != 1) {
            return Future.succeededFuture(new RefreshRotation.Rejected());
          }
          Row row = rows.iterator().next();
          UUID familyId = row.getUUID("family_id");
          double graceLeft = row.getNumeric("grace_left").doubleValue();
          if (graceLeft > 0) {
            return Future.succeededFuture(new RefreshRotation.JustRotated(Duration.ofMillis((long) (graceLeft * 1000))));
          }
          return supersedeUnusedSuccessor(conn, presentedHash).compose(superseded -> superseded
              ? storeSuccessor(conn, familyId, row.getUUID("user_id"), presentedHash, nextHash, lifetime, true)
              : Future.succeededFuture(new RefreshRotation.AlreadyRotated(familyId)));
        });
  }

  /** Whether the token's successor had never been presented, and is now superseded (unusable). */
  private static Future<Boolean> supersedeUnusedSuccessor(SqlConnection conn, byte[] parentHash) {
    return SqlTemplate.forUpdate(conn, """
            UPDATE auth.refresh_tokens SET rotated_at = now(), superseded = true
             WHERE parent_hash = #{parent} AND rotated_at IS NULL AND expires_at > now()""")
        .execute(Map.of("parent", Buffer.buffer(parentHash)))
        .map(result -> result.rowCount() == 1);
  }

  @Override
  public Future<Optional<StoredUser>> userOfLiveSession(UUID familyId, UUID userId) {
    return SqlTemplate.forQuery(pool, "SELECT " + PgUserRepository.COLUMNS + """
             FROM auth.users u
            WHERE u.id = #{userId}
              AND EXISTS (SELECT 1 FROM auth.refresh_token_families f JOIN auth.refresh_tokens t ON t.family_id = f.id
                           WHERE f.id = #{familyId} AND f.user_id = u.id AND f.revoked_at IS NULL
                             AND (f.ends_at IS NULL OR f.ends_at > now()) AND t.expires_at > now())""")
        .mapTo(PgUserRepository::toUser)
        .execute(Map.of("familyId", familyId, "userId", userId))
        .map(PgUserRepository::first);
  }

  @Override
  public Future<Boolean> revokeAllOfExcept(UUID userId, UUID keptFamilyId, String reason) {
    Map<String, Object> params = new java.util.HashMap<>();
    params.put("userId", userId);
    params.put("kept", keptFamilyId);
    params.put("reason", reason);
    return SqlTemplate.forUpdate(pool, """
            UPDATE auth.refresh_token_families SET revoked_at = now(), revoked_reason = #{reason}, id_token_hint = NULL
            WHERE user_id = #{userId} AND revoked_at IS NULL AND (#{kept}::uuid IS NULL OR id <> #{kept})""")
        .execute(params)
        .map(result -> result.rowCount() > 0);
  }

  @Override
  public Future<Optional<SignedOutSession>> signOutFamilyOf(byte[] tokenHash,
      Function<SignedOutSession, AuditRecord> audit) {
    return pool.withTransaction(conn -> SqlTemplate.forQuery(conn, "WITH " + FORGET_OLD_HINTS + """
            UPDATE auth.refresh_token_families f SET revoked_at = coalesce(f.revoked_at, now()),
                   revoked_reason = coalesce(f.revoked_reason, 'signed-out')
            FROM auth.refresh_token_families before
            WHERE f.id = before.id
              AND f.id = (SELECT family_id FROM auth.refresh_tokens WHERE token_hash = #{hash})
              AND (f.revoked_at IS NULL
                   OR f.revoked_reason = 'signed-out' AND f.revoked_at > now() - make_interval(secs => #{repeatable}))
            RETURNING f.user_id, (SELECT username FROM auth.users u WHERE u.id = f.user_id) AS username, f.provider,
                      f.id_token_hint, before.revoked_at IS NULL AS just_now""")
        .execute(Map.of("hash", Buffer.buffer(tokenHash), "repeatable", SIGN_OUT_REPEATABLE.toSeconds()))
        .map(rows -> {
          if (rows.rowCount() != 1) {
            return Optional.<SignedOutSession>empty();
          }
          Row row = rows.iterator().next();
          String hint = row.getString("id_token_hint");
          return Optional.of(new SignedOutSession(row.getUUID("user_id"), row.getString("username"),
              row.getBoolean("just_now"), hint == null ? null : new ProviderSession(row.getString("provider"), hint)));
        })
        .compose(ended -> ended.filter(SignedOutSession::justNow).isPresent()
            ? PgAuditOutbox.insert(conn, audit.apply(ended.get())).map(ended)
            : Future.succeededFuture(ended)));
  }

  @Override
  public Future<Optional<UUID>> revokeFamily(UUID familyId, String reason) {
    return SqlTemplate.forQuery(pool, """
            UPDATE auth.refresh_token_families SET revoked_at = now(), revoked_reason = #{reason}, id_token_hint = NULL
            WHERE id = #{familyId} AND revoked_at IS NULL
            RETURNING user_id""")
        .execute(Map.of("familyId", familyId, "reason", reason))
        .map(PgRefreshTokenRepository::revokedUser);
  }

  private static Optional<UUID> revokedUser(RowSet<Row> rows) {
    return rows.rowCount() == 1 ? Optional.of(rows.iterator().next().getUUID("user_id")) : Optional.empty();
  }
}
