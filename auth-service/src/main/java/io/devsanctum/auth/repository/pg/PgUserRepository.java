package io.devsanctum.auth.repository.pg;

import io.devsanctum.auth.model.Role;
import io.devsanctum.auth.model.User;
import io.devsanctum.auth.model.UserStatus;
import io.devsanctum.auth.repository.UserRepository;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.util.Map;
import java.util.Optional;

public class PgUserRepository implements UserRepository {

  private static final String COLUMNS =
      "id, email, username, display_name, role, status, password_hash, created_at";

  private final Pool pool;

  public PgUserRepository(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Long> count() {
    return pool.query("SELECT count(*) FROM auth.users").execute()
        .map(rows -> rows.iterator().next().getLong(0));
  }

  @Override
  public Future<Boolean> insertIfNoneExists(User user) {
    // the advisory lock serialises concurrent first-admin attempts inside one transaction
    return pool.withTransaction(conn -> conn.query("SELECT pg_advisory_xact_lock(hashtext('auth.first-user'))").execute()
        .compose(locked -> SqlTemplate.forUpdate(conn, """
                INSERT INTO auth.users (id, email, username, display_name, role, status, password_hash)
                SELECT #{id}, #{email}, #{username}, #{displayName}, #{role}, #{status}, #{passwordHash}
                WHERE NOT EXISTS (SELECT 1 FROM auth.users)""")
            .execute(params(user)))
        .map(result -> result.rowCount() == 1));
  }

  @Override
  public Future<Optional<User>> findByEmailOrUsername(String login) {
    return SqlTemplate.forQuery(pool, "SELECT " + COLUMNS
            + " FROM auth.users WHERE lower(email) = lower(#{login}) OR lower(username) = lower(#{login})")
        .mapTo(PgUserRepository::toUser)
        .execute(Map.of("login", login))
        .map(rows -> rows.iterator().hasNext() ? Optional.of(rows.iterator().next()) : Optional.empty());
  }

  private static Map<String, Object> params(User user) {
    return Map.of(
        "id", user.id(),
        "email", user.email(),
        "username", user.username(),
        "displayName", user.displayName(),
        "role", user.role().wireName(),
        "status", user.status().wireName(),
        "passwordHash", user.passwordHash());
  }

  static User toUser(Row row) {
    return new User(
        row.getUUID("id"),
        row.getString("email"),
        row.getString("username"),
        row.getString("display_name"),
        Role.fromWire(row.getString("role")),
        UserStatus.fromWire(row.getString("status")),
        row.getString("password_hash"),
        row.getOffsetDateTime("created_at"));
  }
}
