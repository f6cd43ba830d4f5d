package io.devsanctum.auth.infrastructure.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.devsanctum.auth.FakeOAuthProviders;
import io.devsanctum.auth.FakeOAuthProviders.Person;
import io.devsanctum.auth.FakeOidcProvider;
import io.devsanctum.auth.config.OAuthConfig;
import io.devsanctum.auth.model.OAuthProfile;
import io.devsanctum.common.config.Env;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The OpenID Connect adapter against a provider over real HTTP whose clock and speed the test sets. */
class OidcProviderTest {

  private static final String REDIRECT_URI = "http://127.0.0.1:8080/api/v1/auth/oauth/corp/callback";
  private static final String VERIFIER = "a-pkce-verifier-of-enough-length-for-rfc-7636-0001";
  private static final String NONCE = "nonce-of-this-sign-in";

  private final FakeOidcProvider idp = new FakeOidcProvider();
  private final Vertx vertx = Vertx.vertx();
  private final OidcProvider provider = new OidcProvider(vertx, WebClient.create(vertx),
      OAuthConfig.from(new Env(idp.env("corp"))).oidc().get(0));

  @AfterEach
  void stop() {
    vertx.close().await();
    idp.close();
  }

  @Test
  void aProviderWhoseClockRunsSecondsAheadStillSignsPeopleIn() {
    idp.signsInAs(new Person("sub-1", "ada", "Ada", "ada@corp.example", true));
    idp.clockAhead(Duration.ofSeconds(10)); // its tokens' iat lies 10 s in our future

    MultiMap back = idp.consent(provider.authorizeUrl(REDIRECT_URI, "state-1", FakeOAuthProviders.s256(VERIFIER), NONCE).await());
    OAuthProfile profile = provider.profile(back.get("code"), VERIFIER, REDIRECT_URI, NONCE).await();

    assertThat(profile.subject()).isEqualTo("sub-1");
    assertThat(profile.email()).isEqualTo("ada@corp.example");
  }
}
