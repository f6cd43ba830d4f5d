package io.devsanctum.auth.repository.pg;

import io.devsanctum.auth.repository.ServerSecretRepository;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.util.Map;

public class PgServerSecretRepository implements ServerSecretRepository {

  private final Pool pool;

  public PgServerSecretRepository(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<byte[]> getOrCreate(String name, byte[] candidate) {
    return SqlTemplate.forUpdate(pool,
            "INSERT INTO auth.server_secrets (name, secret) VALUES (#{name}, #{secret}) ON CONFLICT (name) DO NOTHING")
        .execute(Map.of("name", name, "secret", Buffer.buffer(candidate)))
        .compose(inserted -> SqlTemplate.forQuery(pool, "SELECT secret FROM auth.server_secrets WHERE name = #{name}")
            .execute(Map.of("name", name)))
        .map(rows -> rows.iterator().next().getBuffer("secret").getBytes());
  }
}
