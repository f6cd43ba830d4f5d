package io.devsanctum.gateway.security;

import io.devsanctum.common.bus.ErrorCode;
import io.devsanctum.common.bus.TypedBus;
import io.devsanctum.common.contract.auth.AuthContract;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Verifies access tokens locally with the auth-service's public keys (JWKS), so no event-bus call
 * is made per request. The key set is fetched once and again only when a token names a key id
 * this gateway has not seen (key rotation), at most every {@link #REFRESH_INTERVAL_MS}.
 *
 * <p>Before the signature is checked, the header must say ES256 and name a known key: {@code none},
 * HS256 (e.g. "signed" with the public key as an HMAC secret) and unknown keys are refused outright.
 *
 * <p>A token is verified once: what it says is kept until it expires (up to {@link #CACHE_LIMIT}
 * tokens), so a client sending the same token with every request costs one ES256 verification per
 * token, not per request. A token only names a sign-in; whether that sign-in still holds, and with
 * which role, is {@link CredentialChecks}' question.
 */
public class AccessTokenVerifier {

  static final String ISSUER = "devsanctum";
  static final int CACHE_LIMIT = 10_000;
  private static final long REFRESH_INTERVAL_MS = 30_000;

  /** A verified token: the sign-in it belongs to, and when it expires. */
  private record Verified(Credential.SignIn signIn, long expiresAtMillis) {
  }

  private final Vertx vertx;
  private final AuthContract auth;
  private final Map<String, Verified> verified = new ConcurrentHashMap<>();
  private volatile JWTAuth jwt;
  private volatile Set<String> knownKeyIds = Set.of();
  private volatile long lastRefresh;

  public AccessTokenVerifier(Vertx vertx) {
    this.vertx = vertx;
    this.auth = TypedBus.client(vertx, AuthContract.class);
  }

  /** The sign-in ({@code sub}, {@code sid}) a valid token belongs to; UNAUTHENTICATED otherwise. */
  public Future<Credential.SignIn> verify(String token) {
    Verified known = verified.get(token);
    if (known != null && known.expiresAtMillis() > System.currentTimeMillis()) {
      return Future.succeededFuture(known.signIn());
    }
    return verifyNow(token).map(fresh -> {
      remember(token, fresh);
      return fresh.signIn();
    });
  }

  private Future<Verified> verifyNow(String token) {
    JsonObject header;
    try {
      header = new JsonObject(new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
          StandardCharsets.UTF_8));
    } catch (RuntimeException malformed) {
      return rejected("the access token is malformed");
    }
    if (!"ES256".equals(header.getString("alg"))) {
      return rejected("the access token's algorithm is not accepted");
    }
    String kid = header.getString("kid");
    if (kid == null) {
      return rejected("the access token names no signing key");
    }
    return keysFor(kid).compose(auth -> auth == null
        ? rejected("the access token was signed by an unknown key")
        : auth.authenticate(new TokenCredentials(token))
            .recover(invalid -> rejected("the access token is invalid or expired"))
            .compose(user -> {
              JsonObject claims = user.principal();
              try {
                // the library moves exp (with iat and nbf) from the claims to the user's attributes
                return Future.succeededFuture(new Verified(new Credential.SignIn(UUID.fromString(claims.getString("sub")),
                    UUID.fromString(claims.getString("sid"))), user.attributes().getLong("exp") * 1000));
              } catch (RuntimeException e) {
                return rejected("the access token's subject or sign-in is malformed");
              }
            }));
  }

  private void remember(String token, Verified fresh) {
    if (verified.size() >= CACHE_LIMIT) {
      long now = System.currentTimeMillis();
      verified.values().removeIf(entry -> entry.expiresAtMillis() <= now);
      if (verified.size() >= CACHE_LIMIT) {
        verified.clear(); // a flood of distinct valid tokens: start over rather than grow
      }
    }
    verified.put(token, fresh);
  }

  private Future<JWTAuth> keysFor(String kid) {
    if (knownKeyIds.contains(kid)) {
      return Future.succeededFuture(jwt);
    }
    if (System.currentTimeMillis() - lastRefresh < REFRESH_INTERVAL_MS) {
      return Future.succeededFuture(null);
    }
    return refresh().map(v -> knownKeyIds.contains(kid) ? jwt : null);
  }

  private Future<Void> refresh() {
    lastRefresh = System.currentTimeMillis();
    return auth.jwks().map(jwks -> {
      JWTAuthOptions options = new JWTAuthOptions().setJWTOptions(new JWTOptions().setIssuer(ISSUER).setLeeway(5));
      jwks.getJsonArray("keys").forEach(key -> options.addJwk((JsonObject) key));
      jwt = JWTAuth.create(vertx, options);
      knownKeyIds = jwks.getJsonArray("keys").stream()
          .map(key -> ((JsonObject) key).getString("kid"))
          .collect(Collectors.toUnmodifiableSet());
      return null;
    });
  }

  private static <T> Future<T> rejected(String why) {
    return Future.failedFuture(ErrorCode.UNAUTHENTICATED.exception(why));
  }
}
