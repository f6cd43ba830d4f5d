package io.devsanctum.auth.repository.pg;

import io.devsanctum.common.contract.audit.AuditRecord;
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
  public Future<SshKey> insert(SshKey key, AuditRecord audit) {
    return PgAuditOutbox.recorded(pool, audit, conn -> SqlTemplate.forQuery(conn, """
            INSERT INTO auth.ssh_keys (id, user_id, name, public_key, fingerprint)
            VALUES (#{id}, #{userId}, #{name}, #{publicKey}, #{fingerprint})
            RETURNING\s""" + COLUMNS)
        .mapTo(PgSshKeyRepository::toSshKey)
        .execute(Map.of("id", key.id(), "userId", key.userId(), "name", key.name(), "publicKey", key.publicKey(),
            "fingerprint", key.fingerprint()))
        .map(rows -> rows.iterator().next()))
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
  public Future<Void> delete(UUID keyId, AuditRecord audit) {
    return pool.withTransaction(conn -> SqlTemplate.forUpdate(conn, "DELETE FROM auth.ssh_keys WHERE id = #{id}")
        .execute(Map.of("id", keyId))
        .compose(deleted -> PgAuditOutbox.recordedIf(conn, deleted.rowCount() == 1, audit, null)));
  }

  @Override
  public Future<Optional<StoredUser>> owner(String fingerprint) {
    return SqlTemplate.forQuery(pool, "SELECT " + PgUserRepository.COLUMNS + " FROM auth.users"
            + " WHERE status = 'active' AND id = (SELECT user_id FROM auth.ssh_keys WHERE fingerprint = #{fingerprint})")
        .mapTo(PgUserRepository::toUser)
        .execute(Map.of("fingerprint", fingerprint))
        .map(PgUserRepository::first);
  }

  @Override
  public Future<Void> recordUse(String fingerprint) {
    return SqlTemplate.forUpdate(pool, """
            UPDATE auth.ssh_keys SET last_used_at = now()
            WHERE fingerprint = #{fingerprint}
              AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')""")
        .execute(Map.of("fingerprint", fingerprint))
        .mapEmpty();
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
