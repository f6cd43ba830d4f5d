package io.devsanctum.auth.repository.pg;

import io.devsanctum.auth.model.OAuthIdentity;
import io.devsanctum.auth.model.StoredUser;
import io.devsanctum.auth.repository.OAuthIdentityRepository;
import io.devsanctum.common.contract.audit.AuditRecord;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

public class PgOAuthIdentityRepository implements OAuthIdentityRepository {

  private static final String INSERT_IDENTITY = """
      INSERT INTO auth.oauth_identities (issuer, subject, user_id, email)
      VALUES (#{issuer}, #{subject}, #{userId}, #{email})""";

  private final Pool pool;

  public PgOAuthIdentityRepository(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Optional<StoredUser>> findUser(String issuer, String subject) {
    return SqlTemplate.forQuery(pool, "SELECT " + PgUserRepository.COLUMNS + " FROM auth.users WHERE id = "
            + "(SELECT user_id FROM auth.oauth_identities WHERE issuer = #{issuer} AND subject = #{subject})")
        .mapTo(PgUserRepository::toUser)
        .execute(Map.of("issuer", issuer, "subject", subject))
        .map(PgUserRepository::first);
  }

  @Override
  public Future<Void> link(OAuthIdentity identity, UUID userId) {
    return SqlTemplate.forUpdate(pool, INSERT_IDENTITY + " ON CONFLICT (issuer, subject) DO NOTHING")
        .execute(params(identity, userId))
        .mapEmpty();
  }

  @Override
  public Future<StoredUser> insertUserWithIdentity(StoredUser user, OAuthIdentity identity, AuditRecord audit) {
    return pool.withTransaction(conn -> PgUserRepository.insert(conn, user)
            .compose(created -> SqlTemplate.forUpdate(conn, INSERT_IDENTITY)
                .execute(params(identity, created.id()))
                .compose(linked -> PgAuditOutbox.insert(conn, audit))
                .map(created)))
        .recover(failure -> UniqueViolations.asDuplicateKey(failure, Map.of("oauth_identities_pkey", "identity")));
  }

  @Override
  public Future<Map<UUID, List<String>>> issuersOf(List<UUID> userIds) {
    return SqlTemplate.forQuery(pool, """
            SELECT user_id, array_agg(issuer ORDER BY created_at) AS issuers FROM auth.oauth_identities
            WHERE user_id = ANY(#{ids}) GROUP BY user_id""")
        .execute(Map.of("ids", userIds.toArray(UUID[]::new)))
        .map(rows -> {
          Map<UUID, List<String>> issuers = new HashMap<>();
          for (Row row : rows) {
            issuers.put(row.getUUID("user_id"), Arrays.asList(row.getArrayOfStrings("issuers")));
          }
          return issuers;
        });
  }

  private static Map<String, Object> params(OAuthIdentity identity, UUID userId) {
    return Map.of("issuer", identity.issuer(), "subject", identity.subject(), "userId", userId,
        "email", identity.email());
  }
}
