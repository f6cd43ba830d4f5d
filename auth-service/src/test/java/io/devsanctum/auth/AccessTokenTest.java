package io.devsanctum.auth;

import static io.devsanctum.auth.AuthServiceFixture.ADMIN_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.devsanctum.common.contract.auth.Session;
import io.devsanctum.common.contract.auth.User;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccessTokenTest {

  private AuthServiceFixture auth;
  private User admin;

  @BeforeEach
  void start() {
    auth = new AuthServiceFixture();
    admin = auth.createFirstAdmin();
  }

  @AfterEach
  void stop() {
    auth.close();
  }

  @Test
  void theAccessTokenVerifiesWithThePublishedKeyAndCarriesTheCallersIdentity() {
    Session session = auth.signIn("admin", ADMIN_PASSWORD);
    JsonObject jwk = onlyKey();
    String token = session.accessToken();

    // verified the way a gateway does: with nothing but the JWKS
    var verified = verifier(jwk).authenticate(new TokenCredentials(token)).await();

    JsonObject claims = verified.attributes().getJsonObject("accessToken");
    assertThat(claims.getString("sub")).isEqualTo(admin.id().toString());
    assertThat(claims.getString("role")).isEqualTo("owner");
    assertThat(claims.getString("username")).isEqualTo("admin");
    assertThat(claims.getString("iss")).isEqualTo("devsanctum");
    assertThat(claims.getLong("exp") - claims.getLong("iat")).isEqualTo(15 * 60);
    assertThat(claims.getLong("exp")).isCloseTo(Instant.now().plusSeconds(900).getEpochSecond(), org.assertj.core.data.Offset.offset(5L));
    assertThat(session.accessTokenExpiresAt().getEpochSecond()).isEqualTo(claims.getLong("exp"));

    JsonObject header = new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8));
    assertThat(header.getString("alg")).isEqualTo("ES256");
    assertThat(header.getString("kid")).isEqualTo(jwk.getString("kid"));
  }

  @Test
  void theJwksPublishesOnlyPublicP256Keys() {
    JsonObject jwk = onlyKey();

    assertThat(jwk.fieldNames()).containsExactlyInAnyOrder("kid", "kty", "crv", "x", "y", "alg", "use");
    assertThat(jwk.getString("kty")).isEqualTo("EC");
    assertThat(jwk.getString("crv")).isEqualTo("P-256");
    assertThat(jwk.getString("alg")).isEqualTo("ES256");
    assertThat(jwk.getString("use")).isEqualTo("sig");
    assertThat(Base64.getUrlDecoder().decode(jwk.getString("x"))).hasSize(32);
    assertThat(Base64.getUrlDecoder().decode(jwk.getString("y"))).hasSize(32);
  }

  @Test
  void aTamperedTokenIsRejectedByTheVerifier() {
    String token = auth.signIn("admin", ADMIN_PASSWORD).accessToken();
    String[] parts = token.split("\\.");
    String forgedClaims = Base64.getUrlEncoder().withoutPadding().encodeToString(new String(
            Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
        .replace("\"admin\"", "\"root\"").getBytes(StandardCharsets.UTF_8));

    Throwable failure = catchThrowable(() -> verifier(onlyKey())
        .authenticate(new TokenCredentials(parts[0] + "." + forgedClaims + "." + parts[2])).await());

    assertThat(failure).isNotNull();
  }

  @Test
  void theSigningKeyIsKeptAcrossRestarts() {
    String kidBefore = onlyKey().getString("kid");
    String tokenBefore = auth.signIn("admin", ADMIN_PASSWORD).accessToken();

    auth.redeploy();

    JsonObject jwkAfter = onlyKey();
    assertThat(jwkAfter.getString("kid")).isEqualTo(kidBefore);
    assertThat(verifier(jwkAfter).authenticate(new TokenCredentials(tokenBefore)).await()).isNotNull();
  }

  private JsonObject onlyKey() {
    var keys = auth.auth().jwks().await().getJsonArray("keys");
    assertThat(keys).hasSize(1);
    return keys.getJsonObject(0);
  }

  private JWTAuth verifier(JsonObject jwk) {
    return JWTAuth.create(auth.vertx(), new JWTAuthOptions().addJwk(jwk));
  }
}
