package io.devsanctum.auth.repository.pg;

import io.devsanctum.common.contract.audit.AuditRecord;
import io.devsanctum.auth.model.ScopedUser;
import io.devsanctum.common.authz.Scope;
import io.devsanctum.auth.repository.ApiTokenRepository;
import io.devsanctum.common.contract.auth.ApiToken;
import io.devsanctum.common.db.Keyset;
import io.devsanctum.common.paging.Page;
import io.devsanctum.common.paging.PageRequest;
import io.devsanctum.common.contract.auth.Role;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

public class PgApiTokenRepository implements ApiTokenRepository {

  private static final String COLUMNS = "id, user_id, name, scopes, created_at, last_used_at, expires_at";

  /** Newest first (V12's index serves it). */
  private static final Keyset LISTING = Keyset.descending(Keyset.timestamp("created_at"), Keyset.uuid("id"));

  private final Pool pool;

  public PgApiTokenRepository(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<ApiToken> insert(ApiToken token, byte[] tokenHash, AuditRecord audit) {
    Map<String, Object> params = new HashMap<>();
    params.put("id", token.id());
    params.put("userId", token.userId());
    params.put("name", token.name());
    params.put("hash", Buffer.buffer(tokenHash));
    params.put("expiresAt", token.expiresAt());
    params.put("scopes", token.scopes().stream().sorted().map(Scope::wireName).toArray(String[]::new));
    return PgAuditOutbox.recorded(pool, audit, conn -> SqlTemplate.forQuery(conn, """
            INSERT INTO auth.api_tokens (id, user_id, name, token_hash, expires_at, scopes)
            VALUES (#{id}, #{userId}, #{name}, #{hash}, #{expiresAt}, #{scopes})
            RETURNING\s""" + COLUMNS)
        .mapTo(PgApiTokenRepository::toApiToken)
        .execute(params)
        .map(rows -> rows.iterator().next()))
        .recover(failure -> UniqueViolations.asDuplicateKey(failure, Map.of("api_tokens_user_name_key", "name")));
  }

  @Override
  public Future<Page<ApiToken>> pageUnrevoked(UUID userId, PageRequest page) {
    return LISTING.page(pool, "SELECT " + COLUMNS + " FROM auth.api_tokens",
        List.of("user_id = #{userId}", "revoked_at IS NULL"), Map.of("userId", userId), page,
        PgApiTokenRepository::toApiToken);
  }

  @Override
  public Future<Optional<ApiToken>> findUnrevoked(UUID tokenId) {
    return SqlTemplate.forQuery(pool, "SELECT " + COLUMNS
            + " FROM auth.api_tokens WHERE id = #{id} AND revoked_at IS NULL")
        .mapTo(PgApiTokenRepository::toApiToken)
        .execute(Map.of("id", tokenId))
        .map(PgUserRepository::first);
  }

  @Override
  public Future<Void> revoke(UUID tokenId, UUID ownerId, Role ownerDecidedOn, AuditRecord audit) {
    return pool.withTransaction(conn -> PgUserRepository.stillOfRole(conn, ownerId, ownerDecidedOn)
        .compose(unchanged -> SqlTemplate.forUpdate(conn,
            "UPDATE auth.api_tokens SET revoked_at = now() WHERE id = #{id} AND revoked_at IS NULL")
        .execute(Map.of("id", tokenId)))
        .compose(revoked -> PgAuditOutbox.recordedIf(conn, revoked.rowCount() == 1, audit, null)));
  }

  @Override
  public Future<Optional<ScopedUser>> useLiveToken(byte[] tokenHash) {
    return SqlTemplate.forQuery(pool, """
            WITH live AS (
              SELECT t.id AS token_id, t.last_used_at, t.scopes AS token_scopes, u.*
              FROM auth.api_tokens t JOIN auth.users u ON u.id = t.user_id
              WHERE t.token_hash = #{hash} AND t.revoked_at IS NULL
                AND (t.expires_at IS NULL OR t.expires_at > now()) AND u.status = 'active'),
            touched AS (
              UPDATE auth.api_tokens SET last_used_at = now()
              WHERE id IN (SELECT token_id FROM live
                           WHERE last_used_at IS NULL OR last_used_at < now() - interval '1 minute'))
            SELECT token_scopes,\s""" + PgUserRepository.COLUMNS + " FROM live")
        .mapTo(row -> new ScopedUser(PgUserRepository.toUser(row), scopes(row, "token_scopes")))
        .execute(Map.of("hash", Buffer.buffer(tokenHash)))
        .map(PgUserRepository::first);
  }

  private static ApiToken toApiToken(Row row) {
    return new ApiToken(
        row.getUUID("id"),
        row.getUUID("user_id"),
        row.getString("name"),
        scopes(row, "scopes"),
        row.getOffsetDateTime("created_at"),
        row.getOffsetDateTime("last_used_at"),
        row.getOffsetDateTime("expires_at"));
  }

  /** Names this server does not know (written by a newer one) are dropped: a token can only lose rights by them. */
  private static Set<Scope> scopes(Row row, String column) {
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    for (String name : row.getArrayOfStrings(column)) {
      Scope.find(name).ifPresent(scopes::add);
    }
    return scopes;
  }
}
