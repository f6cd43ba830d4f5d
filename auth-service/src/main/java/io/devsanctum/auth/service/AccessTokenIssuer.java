package io.devsanctum.auth.service;

import io.devsanctum.auth.model.AccessToken;
import io.devsanctum.auth.model.SigningKey;
import io.devsanctum.auth.model.StoredUser;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Signs access tokens: ES256 JWTs that live 15 minutes (by default) and name their key in the {@code kid} header. */
public class AccessTokenIssuer {

  public static final String ISSUER = "devsanctum";
  public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(15);
  private static final String ALGORITHM = "ES256";

  private final JWTAuth jwt;
  private final Duration lifetime;

  public AccessTokenIssuer(Vertx vertx, SigningKey key, Duration lifetime) {
    this.lifetime = lifetime;
    this.jwt = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions()
        .setAlgorithm(ALGORITHM)
        .setId(key.kid())
        .setBuffer(key.privateKeyPem())));
  }

  /** {@code sessionId}: the sign-in (refresh-token family) the token belongs to, as claim {@code sid}. */
  public AccessToken issue(StoredUser user, UUID sessionId) {
    // iat and exp are set here rather than by the library so the reply states the exact expiry
    long issuedAt = Instant.now().getEpochSecond();
    long expiresAt = issuedAt + lifetime.toSeconds();
    JsonObject claims = new JsonObject()
        .put("sub", user.id().toString())
        .put("role", user.role().wireName())
        .put("username", user.username())
        .put("sid", sessionId.toString())
        .put("iat", issuedAt)
        .put("exp", expiresAt);
    String token = jwt.generateToken(claims, new JWTOptions().setAlgorithm(ALGORITHM).setIssuer(ISSUER));
    return new AccessToken(token, Instant.ofEpochSecond(expiresAt));
  }
}
