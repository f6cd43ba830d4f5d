package io.devsanctum.auth.repository.pg;

import io.devsanctum.auth.model.OAuthIdentity;
import io.devsanctum.auth.model.StoredUser;
import io.devsanctum.auth.repository.OAuthIdentityRepository;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

public class PgOAuthIdentityRepository implements OAuthIdentityRepository {

  private static final String INSERT_IDENTITY = """
      INSERT INTO auth.oauth_identities (provider, subject, user_id, email)
      VALUES (#{provider}, #{subject}, #{userId}, #{email})""";

  private final Pool pool;

  public PgOAuthIdentityRepository(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Optional<StoredUser>> findUser(String provider, String subject) {
    return SqlTemplate.forQuery(pool, "SELECT " + PgUserRepository.COLUMNS + " FROM auth.users WHERE id = "
            + "(SELECT user_id FROM auth.oauth_identities WHERE provider = #{provider} AND subject = #{subject})")
        .mapTo(PgUserRepository::toUser)
        .execute(Map.of("provider", provider, "subject", subject))
        .map(PgUserRepository::first);
  }

  @Override
  public Future<Void> link(OAuthIdentity identity, UUID userId) {
    return SqlTemplate.forUpdate(pool, INSERT_IDENTITY + " ON CONFLICT (provider, subject) DO NOTHING")
        .execute(params(identity, userId))
        .mapEmpty();
  }

  @Override
  public Future<StoredUser> insertUserWithIdentity(StoredUser user, OAuthIdentity identity) {
    return pool.withTransaction(conn -> PgUserRepository.insert(conn, user)
            .compose(created -> SqlTemplate.forUpdate(conn, INSERT_IDENTITY)
                .execute(params(identity, created.id()))
                .map(created)))
        .recover(failure -> UniqueViolations.asDuplicateKey(failure, Map.of("oauth_identities_pkey", "identity")));
  }

  private static Map<String, Object> params(OAuthIdentity identity, UUID userId) {
    return Map.of("provider", identity.provider(), "subject", identity.subject(), "userId", userId,
        "email", identity.email());
  }
}
