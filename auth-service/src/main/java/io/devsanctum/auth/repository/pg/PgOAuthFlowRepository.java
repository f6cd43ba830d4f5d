package io.devsanctum.auth.repository.pg;

import io.devsanctum.auth.model.OAuthFlow;
import io.devsanctum.auth.repository.OAuthFlowRepository;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

public class PgOAuthFlowRepository implements OAuthFlowRepository {

  private final Pool pool;

  public PgOAuthFlowRepository(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Void> insert(byte[] stateHash, OAuthFlow flow, Duration lifetime) {
    // abandoned sign-ins are cleared as new ones begin, so the table holds about 10 minutes' worth
    return SqlTemplate.forUpdate(pool, """
            WITH expired AS (DELETE FROM auth.oauth_flows WHERE expires_at <= now())
            INSERT INTO auth.oauth_flows (state_hash, provider, code_verifier, redirect_uri, nonce,
                                          browser_binding_hash, expires_at)
            VALUES (#{hash}, #{provider}, #{codeVerifier}, #{redirectUri}, #{nonce}, #{browserBindingHash},
                    now() + make_interval(secs => #{seconds}))""")
        .execute(Map.of("hash", Buffer.buffer(stateHash), "provider", flow.provider(),
            "codeVerifier", flow.codeVerifier(), "redirectUri", flow.redirectUri(), "nonce", flow.nonce(),
            "browserBindingHash", Buffer.buffer(flow.browserBindingHash()), "seconds", lifetime.toSeconds()))
        .mapEmpty();
  }

  @Override
  public Future<Optional<OAuthFlow>> take(byte[] stateHash) {
    return SqlTemplate.forQuery(pool, """
            DELETE FROM auth.oauth_flows WHERE state_hash = #{hash} AND expires_at > now()
            RETURNING provider, code_verifier, redirect_uri, nonce, browser_binding_hash""")
        .mapTo(PgOAuthFlowRepository::toFlow)
        .execute(Map.of("hash", Buffer.buffer(stateHash)))
        .map(PgUserRepository::first);
  }

  private static OAuthFlow toFlow(Row row) {
    return new OAuthFlow(row.getString("provider"), row.getString("code_verifier"), row.getString("redirect_uri"),
        row.getString("nonce"), row.getBuffer("browser_binding_hash").getBytes());
  }
}
