package io.devsanctum.auth.repository.pg;

import io.devsanctum.common.contract.audit.AuditRecord;
import io.devsanctum.auth.model.AccessChange;
import io.devsanctum.auth.model.StoredUser;
import io.devsanctum.auth.repository.NoActiveAdminLeftException;
import io.devsanctum.auth.repository.RoleChangedException;
import io.devsanctum.auth.repository.UserRepository;
import io.devsanctum.common.contract.auth.Role;
import io.devsanctum.common.contract.auth.UserStatus;
import io.devsanctum.common.db.Keyset;
import io.devsanctum.common.paging.Page;
import io.devsanctum.common.paging.PageRequest;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.StreamSupport;

public class PgUserRepository implements UserRepository {

  static final String COLUMNS =
      "id, email, username, display_name, role, status, password_hash, created_at, password_must_change";
  private static final Map<String, String> UNIQUE_FIELDS =
      Map.of("users_email_key", "email", "users_username_key", "username");

  /** In order of creation (V12's index serves it). */
  private static final Keyset LISTING = Keyset.ascending(Keyset.timestamp("created_at"), Keyset.uuid("id"));

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
  public Future<Boolean> insertIfNoneExists(StoredUser user, AuditRecord audit) {
    // the advisory lock serialises concurrent first-admin attempts inside one transaction
    return pool.withTransaction(conn -> conn.query("SELECT pg_advisory_xact_lock(hashtext('auth.first-user'))").execute()
        .compose(locked -> SqlTemplate.forUpdate(conn, """
                INSERT INTO auth.users (id, email, username, display_name, role, status, password_hash)
                SELECT #{id}, #{email}, #{username}, #{displayName}, #{role}, #{status}, #{passwordHash}
                WHERE NOT EXISTS (SELECT 1 FROM auth.users)""")
            .execute(params(user)))
        .compose(result -> PgAuditOutbox.recordedIf(conn, result.rowCount() == 1, audit, result.rowCount() == 1)));
  }

  @Override
  public Future<StoredUser> insert(StoredUser user, AuditRecord audit) {
    return PgAuditOutbox.recorded(pool, audit, conn -> insert(conn, user));
  }

  /** {@link #insert(StoredUser)} on any client, so another repository can insert a user inside its transaction. */
  static Future<StoredUser> insert(SqlClient client, StoredUser user) {
    return SqlTemplate.forQuery(client, """
            INSERT INTO auth.users (id, email, username, display_name, role, status, password_hash)
            VALUES (#{id}, #{email}, #{username}, #{displayName}, #{role}, #{status}, #{passwordHash})
            RETURNING\s""" + COLUMNS)
        .mapTo(PgUserRepository::toUser)
        .execute(params(user))
        .map(rows -> rows.iterator().next())
        .recover(failure -> UniqueViolations.asDuplicateKey(failure, UNIQUE_FIELDS));
  }

  @Override
  public Future<Optional<StoredUser>> findByEmailOrUsername(String login) {
    return SqlTemplate.forQuery(pool, "SELECT " + COLUMNS
            + " FROM auth.users WHERE lower(email) = lower(#{login}) OR lower(username) = lower(#{login})")
        .mapTo(PgUserRepository::toUser)
        .execute(Map.of("login", login))
        .map(PgUserRepository::first);
  }

  @Override
  public Future<Optional<StoredUser>> findByEmail(String email) {
    return SqlTemplate.forQuery(pool, "SELECT " + COLUMNS + " FROM auth.users WHERE lower(email) = lower(#{email})")
        .mapTo(PgUserRepository::toUser)
        .execute(Map.of("email", email))
        .map(PgUserRepository::first);
  }

  @Override
  public Future<Optional<StoredUser>> findById(UUID id) {
    return SqlTemplate.forQuery(pool, "SELECT " + COLUMNS + " FROM auth.users WHERE id = #{id}")
        .mapTo(PgUserRepository::toUser)
        .execute(Map.of("id", id))
        .map(PgUserRepository::first);
  }

  @Override
  public Future<Page<StoredUser>> page(PageRequest page) {
    return LISTING.page(pool, "SELECT " + COLUMNS + " FROM auth.users", List.of(), Map.of(), page,
        PgUserRepository::toUser);
  }

  @Override
  public Future<List<StoredUser>> findByIds(Collection<UUID> ids) {
    return SqlTemplate.forQuery(pool, "SELECT " + COLUMNS + " FROM auth.users WHERE id = ANY(#{ids})")
        .mapTo(PgUserRepository::toUser)
        .execute(Map.of("ids", ids.toArray(UUID[]::new)))
        .map(rows -> StreamSupport.stream(rows.spliterator(), false).toList());
  }

  @Override
  public Future<Optional<StoredUser>> updateAccess(UUID id, Role decidedOn, AccessChange change, AuditRecord audit) {
    Map<String, Object> params = new HashMap<>();
    params.put("id", id);
    params.put("role", change.role() == null ? null : change.role().wireName());
    params.put("status", change.status() == null ? null : change.status().wireName());
    // one lock for every change of roles or statuses, so two admins demoting or suspending each
    // other at once cannot both pass the "someone is still an active admin" check
    return pool.withTransaction(conn -> conn.query("SELECT pg_advisory_xact_lock(hashtext('auth.admins'))").execute()
        .compose(locked -> stillOfRole(conn, id, decidedOn))
        .compose(unchanged -> SqlTemplate.forQuery(conn, """
                UPDATE auth.users
                SET role = coalesce(#{role}, role), status = coalesce(#{status}, status), updated_at = now()
                WHERE id = #{id}
                RETURNING\s""" + COLUMNS)
            .mapTo(PgUserRepository::toUser)
            .execute(params))
        .map(PgUserRepository::first)
        .compose(updated -> conn.query(
                "SELECT count(*) FROM auth.users WHERE role = 'owner' AND status = 'active'").execute()
            .compose(admins -> admins.iterator().next().getLong(0) > 0
                ? PgAuditOutbox.recordedIf(conn, updated.isPresent(), audit, updated)
                : Future.failedFuture(new NoActiveAdminLeftException()))));
  }

  @Override
  public Future<Optional<StoredUser>> updatePassword(UUID id, Role decidedOn, String passwordHash, boolean mustChange,
      AuditRecord audit) {
    return pool.withTransaction(conn -> stillOfRole(conn, id, decidedOn).compose(unchanged -> SqlTemplate.forQuery(conn, """
            UPDATE auth.users SET password_hash = #{hash}, password_must_change = #{mustChange}, updated_at = now()
            WHERE id = #{id}
            RETURNING\s""" + COLUMNS)
        .mapTo(PgUserRepository::toUser)
        .execute(Map.of("id", id, "hash", passwordHash, "mustChange", mustChange)))
        .map(PgUserRepository::first)
        .compose(updated -> PgAuditOutbox.recordedIf(conn, updated.isPresent(), audit, updated)));
  }

  @Override
  public Future<Boolean> delete(UUID id, Role decidedOn, AuditRecord audit) {
    // the same lock as role and status changes: the last active admin cannot be deleted by a race
    return pool.withTransaction(conn -> conn.query("SELECT pg_advisory_xact_lock(hashtext('auth.admins'))").execute()
        .compose(locked -> stillOfRole(conn, id, decidedOn))
        .compose(unchanged -> SqlTemplate.forUpdate(conn, "DELETE FROM auth.users WHERE id = #{id}")
            .execute(Map.of("id", id)))
        .compose(deleted -> conn.query(
                "SELECT count(*) FROM auth.users WHERE role = 'owner' AND status = 'active'").execute()
            .compose(admins -> admins.iterator().next().getLong(0) > 0
                ? PgAuditOutbox.recordedIf(conn, deleted.rowCount() == 1, audit, deleted.rowCount() == 1)
                : Future.failedFuture(new NoActiveAdminLeftException()))));
  }

  /**
   * Locks the user's row until the transaction ends and fails with {@link RoleChangedException}
   * when its role is no longer {@code decidedOn} (null: any role will do; no user: nothing to hold).
   */
  static Future<Void> stillOfRole(SqlClient conn, UUID id, Role decidedOn) {
    if (decidedOn == null) {
      return Future.succeededFuture();
    }
    // NO KEY UPDATE: holds the role against change without blocking rows that refer to the user
    return SqlTemplate.forQuery(conn, "SELECT role FROM auth.users WHERE id = #{id} FOR NO KEY UPDATE")
        .execute(Map.of("id", id))
        .compose(rows -> {
          var found = rows.iterator();
          return !found.hasNext() || Role.fromWire(found.next().getString("role")) == decidedOn
              ? Future.succeededFuture()
              : Future.failedFuture(new RoleChangedException(decidedOn));
        });
  }

  static <T> Optional<T> first(RowSet<T> rows) {
    var iterator = rows.iterator();
    return iterator.hasNext() ? Optional.of(iterator.next()) : Optional.empty();
  }

  private static Map<String, Object> params(StoredUser user) {
    Map<String, Object> params = new HashMap<>();
    params.put("id", user.id());
    params.put("email", user.email());
    params.put("username", user.username());
    params.put("displayName", user.displayName());
    params.put("role", user.role().wireName());
    params.put("status", user.status().wireName());
    params.put("passwordHash", user.passwordHash()); // null for users who sign in only through OAuth
    return params;
  }

  static StoredUser toUser(Row row) {
    return new StoredUser(
        row.getUUID("id"),
        row.getString("email"),
        row.getString("username"),
        row.getString("display_name"),
        Role.fromWire(row.getString("role")),
        UserStatus.fromWire(row.getString("status")),
        row.getString("password_hash"),
        row.getOffsetDateTime("created_at"),
        row.getBoolean("password_must_change"));
  }
}
