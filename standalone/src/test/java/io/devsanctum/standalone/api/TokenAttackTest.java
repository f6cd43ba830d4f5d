package io.devsanctum.standalone.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Forged and stale tokens are refused by the gateway, which verifies access tokens alone with the
 * published public key. Forgeries are made with the real signing key read from the database where
 * the attack needs it (an expired token), so the only thing wrong with each token is the attack.
 */
class TokenAttackTest {

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private static Platform platform;
  private static JsonObject admin;
  private static String kid;
  private static String privatePem;
  private static String publicPem;

  @BeforeAll
  static void start() {
    // no reuse grace: a refresh token presented a second time is always a replay here
    platform = Platform.start(Map.of("DEVSANCTUM_AUTH_REFRESH_REUSE_GRACE_SECONDS", "0"));
    admin = platform.firstAdmin("root", "correct horse battery");
    Pool auth = platform.database("auth");
    Row key = auth.query("SELECT kid, private_key_pem, public_key_pem FROM auth.signing_keys WHERE retired_at IS NULL")
        .execute().await().iterator().next();
    kid = key.getString("kid");
    privatePem = key.getString("private_key_pem");
    publicPem = key.getString("public_key_pem");
    auth.close().await();
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  @Test
  void genuineTokenIsAccepted() {
    assertThat(status(admin.getString("accessToken"))).isEqualTo(200);
    assertThat(status(sign(privatePem, kid, claims(900)))).isEqualTo(200);
  }

  @Test
  void expiredTokenIsRefused() {
    assertThat(status(sign(privatePem, kid, claims(-60)))).isEqualTo(401);
  }

  @Test
  void tamperedSignatureIsRefused() {
    String token = admin.getString("accessToken");
    char last = token.charAt(token.length() - 2);
    String tampered = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);
    assertThat(status(tampered)).isEqualTo(401);
  }

  @Test
  void tamperedClaimsAreRefused() {
    String[] parts = admin.getString("accessToken").split("\\.");
    String forgedClaims = B64.encodeToString(claims(900).put("role", "admin").put("sub",
        "00000000-0000-0000-0000-000000000001").encode().getBytes(StandardCharsets.UTF_8));
    assertThat(status(parts[0] + "." + forgedClaims + "." + parts[2])).isEqualTo(401);
  }

  @Test
  void unsignedAlgNoneTokenIsRefused() {
    String header = B64.encodeToString(new JsonObject().put("alg", "none").put("typ", "JWT").put("kid", kid)
        .encode().getBytes(StandardCharsets.UTF_8));
    String payload = B64.encodeToString(claims(900).encode().getBytes(StandardCharsets.UTF_8));
    assertThat(status(header + "." + payload + ".")).isEqualTo(401);
  }

  @Test
  void hs256TokenSignedWithThePublicKeyIsRefused() throws Exception {
    String header = B64.encodeToString(new JsonObject().put("alg", "HS256").put("typ", "JWT").put("kid", kid)
        .encode().getBytes(StandardCharsets.UTF_8));
    String payload = B64.encodeToString(claims(900).encode().getBytes(StandardCharsets.UTF_8));
    Mac hmac = Mac.getInstance("HmacSHA256");
    hmac.init(new SecretKeySpec(publicPem.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String signature = B64.encodeToString(hmac.doFinal((header + "." + payload).getBytes(StandardCharsets.US_ASCII)));
    assertThat(status(header + "." + payload + "." + signature)).isEqualTo(401);
  }

  @Test
  void tokenSignedByAnotherKeyIsRefusedWhateverItsKid() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    String attackerPem = "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";

    assertThat(status(sign(attackerPem, "attacker-key", claims(900)))).isEqualTo(401);
    assertThat(status(sign(attackerPem, kid, claims(900)))).isEqualTo(401);
  }

  @Test
  void aRotatedRefreshTokenReplayedAfterItsSuccessorWasUsedIsRefusedAndRevokesItsFamily() {
    JsonObject session = platform.signIn("root", "correct horse battery");
    String first = session.getString("refreshToken");
    String second = platform.post("/api/v1/auth/refresh", null, new JsonObject().put("refreshToken", first))
        .bodyAsJsonObject().getString("refreshToken");
    String third = platform.post("/api/v1/auth/refresh", null, new JsonObject().put("refreshToken", second))
        .bodyAsJsonObject().getString("refreshToken");

    assertThat(platform.post("/api/v1/auth/refresh", null, new JsonObject().put("refreshToken", first)).statusCode())
        .isEqualTo(401);
    assertThat(platform.post("/api/v1/auth/refresh", null, new JsonObject().put("refreshToken", third)).statusCode())
        .as("the newest token of the same family is revoked too").isEqualTo(401);
  }

  private static int status(String token) {
    return platform.get("/api/v1/users/me", token).statusCode();
  }

  private static JsonObject claims(long expiresInSeconds) {
    long now = System.currentTimeMillis() / 1000;
    return new JsonObject()
        .put("sub", admin.getJsonObject("user").getString("id"))
        .put("sid", sessionId(admin))
        .put("role", "admin")
        .put("username", "root")
        .put("iss", "devsanctum")
        .put("iat", now - 120)
        .put("exp", now + expiresInSeconds);
  }

  /** The sign-in the admin's own access token names: a forged token must name a live one to get that far. */
  private static String sessionId(JsonObject session) {
    String payload = session.getString("accessToken").split("\\.")[1];
    return new JsonObject(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8)).getString("sid");
  }

  private static String sign(String pem, String keyId, JsonObject claims) {
    JWTAuth jwt = JWTAuth.create(platform.runtime().vertx(), new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("ES256").setBuffer(pem).setId(keyId)));
    // the claims carry their own iat/exp; Vert.x must not add or override them
    return jwt.generateToken(claims, new JWTOptions().setAlgorithm("ES256").setNoTimestamp(true)
        .setHeader(new JsonObject().put("kid", keyId)));
  }
}
