package io.devsanctum.auth.service;

import io.devsanctum.auth.model.SigningKey;
import io.devsanctum.auth.repository.SigningKeyRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The ES256 keys: one is created on the very first start and shared by every instance after. */
public class SigningKeyService {

  private static final Logger LOG = LoggerFactory.getLogger(SigningKeyService.class);

  private final SigningKeyRepository keys;

  public SigningKeyService(SigningKeyRepository keys) {
    this.keys = keys;
  }

  /** The key that signs: the newest active one, created first if there is none. */
  public Future<SigningKey> signingKey() {
    return keys.activeKeys().compose(active -> {
      if (!active.isEmpty()) {
        return Future.succeededFuture(active.get(0));
      }
      SigningKey candidate = EcKeys.generate();
      // another instance may have stored its own key meanwhile; whichever won is the one to use
      return keys.insertIfNoneActive(candidate)
          .compose(done -> keys.activeKeys())
          .map(stored -> stored.get(0))
          .onSuccess(key -> {
            if (key.kid().equals(candidate.kid())) {
              LOG.info("created access-token signing key {}", key.kid());
            }
          });
    });
  }

  /** Every active public key as an RFC 7517 JWK, so gateways verify access tokens without calling us. */
  public Future<List<JsonObject>> jwks() {
    return keys.activeKeys().map(active -> active.stream().map(EcKeys::publicJwk).toList());
  }
}
