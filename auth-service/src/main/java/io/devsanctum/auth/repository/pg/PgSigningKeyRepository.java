package io.devsanctum.auth.repository.pg;

import io.devsanctum.auth.model.SigningKey;
import io.devsanctum.auth.repository.SigningKeyRepository;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

public class PgSigningKeyRepository implements SigningKeyRepository {

  private final Pool pool;

  public PgSigningKeyRepository(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<List<SigningKey>> activeKeys() {
    return pool.query("""
            SELECT kid, private_key_pem, public_key_pem FROM auth.signing_keys
            WHERE retired_at IS NULL ORDER BY created_at DESC, kid""")
        .execute()
        .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(PgSigningKeyRepository::toKey).toList());
  }

  @Override
  public Future<Void> insertIfNoneActive(SigningKey key) {
    // instances starting together queue on the lock; only the first finds no active key
    return pool.withTransaction(conn -> conn.query("SELECT pg_advisory_xact_lock(hashtext('auth.signing-key'))").execute()
        .compose(locked -> SqlTemplate.forUpdate(conn, """
                INSERT INTO auth.signing_keys (kid, algorithm, private_key_pem, public_key_pem)
                SELECT #{kid}, 'ES256', #{privateKeyPem}, #{publicKeyPem}
                WHERE NOT EXISTS (SELECT 1 FROM auth.signing_keys WHERE retired_at IS NULL)""")
            .execute(Map.of("kid", key.kid(), "privateKeyPem", key.privateKeyPem(), "publicKeyPem", key.publicKeyPem())))
        .mapEmpty());
  }

  private static SigningKey toKey(Row row) {
    return new SigningKey(row.getString("kid"), row.getString("private_key_pem"), row.getString("public_key_pem"));
  }
}
