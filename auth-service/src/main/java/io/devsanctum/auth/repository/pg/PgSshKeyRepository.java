package io.devsanctum.auth.repository.pg;

import io.devsanctum.auth.model.StoredUser;
import io.devsanctum.auth.repository.SshKeyRepository;
import io.devsanctum.common.contract.auth.SshKey;
import io.devsanctum.common.db.Keyset;
import io.devsanctum.common.paging.Page;
import io.devsanctum.common.paging.PageRequest;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

public class PgSshKeyRepository implements SshKeyRepository {

  private static final String COLUMNS = "id, user_id, name, public_key, fingerprint, created_at, last_used_at";

  /** Newest first (V12's index serves it). */
  private static final Keyset LISTING = Keyset.descending(Keyset.timestamp("created_at"), Keyset.uuid("id"));

  private final Pool pool;

  public PgSshKeyRepository(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<SshKey> insert(SshKey key) {
    return SqlTemplate.forQuery(pool, """
            INSERT INTO auth.ssh_keys (id, user_id, name, public_key, fingerprint)
            VALUES (#{id}, #{userId}, #{name}, #{publicKey}, #{fingerprint})
            RETURNING\s""" + COLUMNS)
        .mapTo(PgSshKeyRepository::toSshKey)
        .execute(Map.of("id", key.id(), "userId", key.userId(), "name", key.name(), "publicKey", key.publicKey(),
            "fingerprint", key.fingerprint()))
        .map(rows -> rows.iterator().next())
        .recover(failure -> UniqueViolations.asDuplicateKey(failure,
            Map.of("ssh_keys_user_name_key", "name", "ssh_keys_fingerprint_key", "publicKey")));
  }

  @Override
  public Future<Page<SshKey>> page(UUID userId, PageRequest page) {
    return LISTING.page(pool, "SELECT " + COLUMNS + " FROM auth.ssh_keys", List.of("user_id = #{userId}"),
        Map.of("userId", userId), page, PgSshKeyRepository::toSshKey);
  }

  @Override
  public Future<Optional<SshKey>> find(UUID keyId) {
    return SqlTemplate.forQuery(pool, "SELECT " + COLUMNS + " FROM auth.ssh_keys WHERE id = #{id}")
        .mapTo(PgSshKeyRepository::toSshKey)
        .execute(Map.of("id", keyId))
        .map(PgUserRepository::first);
  }

  @Override
  public Future<Void> delete(UUID keyId) {
    return SqlTemplate.forUpdate(pool, "DELETE FROM auth.ssh_keys WHERE id = #{id}")
        .execute(Map.of("id", keyId))
        .mapEmpty();
  }

  @Override
  public Future<Optional<StoredUser>> useKey(String fingerprint) {
    return SqlTemplate.forQuery(pool, """
            WITH live AS (
              SELECT k.id AS key_id, k.last_used_at, u.*
              FROM auth.ssh_keys k JOIN auth.users u ON u.id = k.user_id
              WHERE k.fingerprint = #{fingerprint} AND u.status = 'active'),
            touched AS (
              UPDATE auth.ssh_keys SET last_used_at = now()
              WHERE id IN (SELECT key_id FROM live
                           WHERE last_used_at IS NULL OR last_used_at < now() - interval '1 minute'))
            SELECT\s""" + PgUserRepository.COLUMNS + " FROM live")
        .mapTo(PgUserRepository::toUser)
        .execute(Map.of("fingerprint", fingerprint))
        .map(PgUserRepository::first);
  }

  private static SshKey toSshKey(Row row) {
    return new SshKey(
        row.getUUID("id"),
        row.getUUID("user_id"),
        row.getString("name"),
        row.getString("public_key"),
        row.getString("fingerprint"),
        row.getOffsetDateTime("created_at"),
        row.getOffsetDateTime("last_used_at"));
  }
}
