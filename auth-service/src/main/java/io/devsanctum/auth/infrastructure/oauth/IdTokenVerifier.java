package io.devsanctum.auth.infrastructure.oauth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpResponseExpectation;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.NoSuchKeyIdException;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.impl.jose.JWK;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Set;

/**
 * Checks an OpenID Connect ID token as the specification asks (Core 1.0, §3.1.3.7): signed with a key
 * the provider publishes in its JWKS, issued by its issuer for this client, unexpired, and carrying
 * the nonce of this sign-in. vertx-auth-oauth2 decodes an ID token only with keys it already holds
 * and silently drops it otherwise, and checks neither expiry nor nonce, so the checks are made
 * here, with vertx-auth-jwt. A token signed with a key not yet known (the provider rotated its
 * keys) has the JWKS fetched again before it is judged. A JWKS with no usable signing key counts as a
 * failed fetch: vertx-auth-jwt holding no key at all would take unsigned tokens ({@code alg: none}).
 */
final class IdTokenVerifier {

  /** Clock skew tolerated between the provider and this server. */
  static final int LEEWAY_SECONDS = 30;
  private static final int TIMEOUT_MS = 5_000;
  /** Signature algorithms, the only keys that can vouch for a token; encryption keys are left out. */
  private static final Set<String> SIGNATURE_ALGORITHMS = Set.of(
      "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA");

  private final Vertx vertx;
  private final WebClient web;
  private final String jwksUri;
  private final String issuer;
  private final String clientId;
  private Future<JWTAuth> keys;

  IdTokenVerifier(Vertx vertx, WebClient web, String jwksUri, String issuer, String clientId) {
    this.vertx = vertx;
    this.web = web;
    this.jwksUri = jwksUri;
    this.issuer = issuer;
    this.clientId = clientId;
  }

  /** The token's claims; fails, naming the reason, when it does not hold. */
  Future<JsonObject> verify(String idToken, String nonce) {
    TokenCredentials token = new TokenCredentials(idToken);
    return keys()
        .compose(known -> known.authenticate(token))
        .recover(failure -> failure instanceof NoSuchKeyIdException
            ? fetchKeys().compose(fresh -> fresh.authenticate(token))
            : Future.failedFuture(failure))
        .map(user -> checked(claims(user), nonce));
  }

  private Future<JWTAuth> keys() {
    return keys == null ? fetchKeys() : keys;
  }

  private Future<JWTAuth> fetchKeys() {
    Future<JWTAuth> fetching = web.getAbs(jwksUri).timeout(TIMEOUT_MS).send()
        .expecting(HttpResponseExpectation.SC_OK)
        .compose(response -> {
          List<JsonObject> usable = signatureKeys(response.bodyAsJsonObject().getJsonArray("keys", new JsonArray()));
          return usable.isEmpty()
              ? Future.failedFuture("its JWKS at " + jwksUri + " holds no usable signing key")
              : Future.succeededFuture(JWTAuth.create(vertx, new JWTAuthOptions()
                  .setJwks(usable)
                  .setJWTOptions(new JWTOptions().setIssuer(issuer).setAudience(List.of(clientId))
                      .setLeeway(LEEWAY_SECONDS))));
        });
    keys = fetching;
    fetching.onFailure(failure -> {
      if (keys == fetching) {
        keys = null; // fetched again by the next sign-in
      }
    });
    return fetching;
  }

  /** The keys that can check a signature: public, asymmetric, for signing, and understood by vertx-auth-jwt. */
  private static List<JsonObject> signatureKeys(JsonArray keys) {
    return keys.stream()
        .filter(JsonObject.class::isInstance)
        .map(JsonObject.class::cast)
        .filter(key -> key.getValue("use") == null || "sig".equals(key.getValue("use")))
        .filter(key -> key.getValue("alg") == null || SIGNATURE_ALGORITHMS.contains(key.getValue("alg")))
        .filter(key -> !"oct".equals(key.getValue("kty"))) // a published symmetric key would let anyone sign
        .filter(IdTokenVerifier::verifiesSignatures)
        .toList();
  }

  /** Whether vertx-auth-jwt can verify with it; a key it cannot read it would skip, with a warning. */
  private static boolean verifiesSignatures(JsonObject key) {
    try {
      return new JWK(key).publicKey() != null;
    } catch (RuntimeException unreadable) {
      return false;
    }
  }

  private static JsonObject claims(User user) {
    return user.attributes().getJsonObject("accessToken"); // where vertx-auth-jwt puts a token's payload
  }

  /** What vertx-auth-jwt leaves to the caller: claims it checks only when present, the nonce, the authorized party. */
  private JsonObject checked(JsonObject claims, String nonce) {
    if (!(claims.getValue("sub") instanceof String subject) || subject.isBlank()) {
      throw refused("it names no subject");
    }
    if (!(claims.getValue("exp") instanceof Number) || !(claims.getValue("iat") instanceof Number)) {
      throw refused("it lacks exp or iat");
    }
    if (!(claims.getValue("nonce") instanceof String carried)
        || !MessageDigest.isEqual(carried.getBytes(StandardCharsets.UTF_8), nonce.getBytes(StandardCharsets.UTF_8))) {
      throw refused("its nonce is not this sign-in's");
    }
    Object audience = claims.getValue("aud");
    Object authorizedParty = claims.getValue("azp");
    boolean severalAudiences = audience instanceof JsonArray list && list.size() > 1;
    if ((authorizedParty != null || severalAudiences) && !clientId.equals(authorizedParty)) {
      throw refused("it was issued to another party (azp)");
    }
    return claims;
  }

  private static IllegalStateException refused(String reason) {
    return new IllegalStateException("ID token refused: " + reason);
  }
}
