package io.devsanctum.auth.infrastructure.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devsanctum.auth.RsaSigningKey;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ID token checks against a real HTTP server publishing the provider's JWKS, with tokens signed by a
 * real RSA key: what happens when that JWKS holds no key that can check a signature.
 */
class IdTokenVerifierTest {

  private static final String ISSUER = "https://sso.example.test/realms/corp";
  private static final String CLIENT_ID = "devsanctum";
  private static final String NONCE = "the-nonce-of-this-sign-in";
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final Vertx vertx = Vertx.vertx();
  private final AtomicReference<JsonObject> published = new AtomicReference<>(new JsonObject().put("keys", new JsonArray()));
  private final AtomicInteger jwksRequests = new AtomicInteger();
  private HttpServer server;
  private IdTokenVerifier verifier;
  private RsaSigningKey signingKey;
  private JsonObject publicJwk;

  @BeforeEach
  void start() {
    server = vertx.createHttpServer().requestHandler(request -> {
      jwksRequests.incrementAndGet();
      request.response().putHeader("Content-Type", "application/json").end(published.get().encode());
    }).listen(0, "127.0.0.1").await();
    verifier = new IdTokenVerifier(vertx, WebClient.create(vertx),
        "http://127.0.0.1:" + server.actualPort() + "/certs", ISSUER, CLIENT_ID);
    signingKey = new RsaSigningKey(vertx, "key-1");
    publicJwk = signingKey.publicJwk();
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  @Test
  void aJwksWithNoUsableSigningKeyIsAFailedFetchAndIsFetchedAgainByTheNextSignIn() {
    for (JsonArray unusable : new JsonArray[] {
        new JsonArray(),
        new JsonArray().add(publicJwk.copy().put("use", "enc")),
        new JsonArray().add(new JsonObject().put("kid", "broken").put("kty", "RSA").put("alg", "RS256"))}) {
      published.set(new JsonObject().put("keys", unusable));
      int before = jwksRequests.get();

      assertThatThrownBy(() -> verifier.verify(signed(claims()), NONCE).await())
          .hasMessageContaining("holds no usable signing key");
      assertThatThrownBy(() -> verifier.verify(unsigned(claims()), NONCE).await())
          .hasMessageContaining("holds no usable signing key");
      assertThat(jwksRequests.get() - before).as("fetched for each sign-in, none kept").isEqualTo(2);
    }

    published.set(new JsonObject().put("keys", new JsonArray().add(publicJwk)));

    assertThat(verifier.verify(signed(claims()), NONCE).await().getString("sub")).isEqualTo("subject-1");
  }

  @Test
  void anUnsignedTokenIsRefused() {
    published.set(new JsonObject().put("keys", new JsonArray().add(publicJwk)));
    assertThat(verifier.verify(signed(claims()), NONCE).await().getString("sub")).isEqualTo("subject-1");

    assertThatThrownBy(() -> verifier.verify(unsigned(claims()), NONCE).await()).hasMessageContaining("not signed");
    assertThatThrownBy(() -> verifier.verify(unsigned(claims()) + ".", NONCE).await()).hasMessageContaining("not signed");
  }

  private JsonObject claims() {
    long now = Instant.now().getEpochSecond();
    return new JsonObject().put("iss", ISSUER).put("aud", CLIENT_ID).put("sub", "subject-1").put("nonce", NONCE)
        .put("iat", now).put("exp", now + 300);
  }

  private String signed(JsonObject claims) {
    return signingKey.sign(claims);
  }

  /** {@code alg: none}, header and payload only, as RFC 7519 §6 lays out an unsecured JWT. */
  private static String unsigned(JsonObject claims) {
    return B64.encodeToString(new JsonObject().put("alg", "none").put("typ", "JWT").encode().getBytes(StandardCharsets.UTF_8))
        + "." + B64.encodeToString(claims.encode().getBytes(StandardCharsets.UTF_8));
  }
}
