package io.devsanctum.standalone.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.devsanctum.auth.FakeOAuthProviders;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * OAuth2 sign-in as a browser does it, through the gateway: start → the provider's consent page
 * (a real local HTTP server playing GitHub and Google) → the callback → signed in with cookies.
 */
class OAuthHttpFlowTest {

  private static FakeOAuthProviders providers;
  private static Platform platform;
  private static WebClient browser;

  @BeforeAll
  static void start() {
    providers = new FakeOAuthProviders();
    Map<String, String> env = new HashMap<>(providers.env());
    env.put("DEVSANCTUM_OAUTH_ALLOWED_DOMAINS", "example.org");
    platform = Platform.start(env);
    platform.firstAdmin("root", "correct horse battery");
    browser = WebClient.create(platform.runtime().vertx(), new WebClientOptions().setFollowRedirects(false));
  }

  @AfterAll
  static void stop() {
    platform.close();
    providers.close();
  }

  @Test
  void bothConfiguredProvidersAreOffered() {
    JsonObject offered = platform.get("/api/v1/auth/oauth/providers", null).bodyAsJsonObject();
    assertThat(offered.getJsonArray("providers").stream().map(p -> ((JsonObject) p).getString("id")))
        .containsExactly("github", "google");
  }

  @ParameterizedTest
  @ValueSource(strings = {"github", "google"})
  void newUserWithAVerifiedAllowedEmailSignsUpAndLandsWhereTheyWereGoing(String provider) {
    // GitHub's user ids are numbers, and the fake provider insists on that as GitHub does
    providers.signsInAs(provider, new FakeOAuthProviders.Person(provider.equals("github") ? "4242" : "google-4242", "ada-" + provider,
        "Ada " + provider, "ada-" + provider + "@example.org", true));

    HttpResponse<Buffer> callback = signInThrough(provider, "/workspaces");

    assertThat(callback.statusCode()).isEqualTo(302);
    assertThat(callback.getHeader("Location")).isEqualTo("/workspaces");
    MultiMap cookies = Platform.cookies(callback);
    HttpResponse<Buffer> me = platform.request(io.vertx.core.http.HttpMethod.GET, "/api/v1/users/me", null)
        .putHeader("Cookie", "ds_access=" + cookies.get("ds_access")).send().await();
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(me.bodyAsJsonObject().getString("email")).isEqualTo("ada-" + provider + "@example.org");
    assertThat(me.bodyAsJsonObject().getString("role")).isEqualTo("member");
  }

  @Test
  void unverifiedEmailIsNotLinkedToTheExistingUser() {
    providers.signsInAs("github", new FakeOAuthProviders.Person("777", "root-lookalike", "Root",
        "root@example.com", false));

    HttpResponse<Buffer> callback = signInThrough("github", "/");

    assertThat(callback.getHeader("Location")).startsWith("/sign-in?error=").contains("not+verified");
    assertThat(Platform.cookies(callback).get("ds_access")).isNull();
  }

  @Test
  void callbackWithAForeignStateIsRefused() {
    HttpResponse<Buffer> forged = browser.get(platform.port(), "127.0.0.1",
        "/api/v1/auth/oauth/github/callback?code=stolen&state=not-ours").send().await();

    assertThat(forged.statusCode()).isEqualTo(302);
    assertThat(forged.getHeader("Location")).startsWith("/sign-in?error=");
    assertThat(Platform.cookies(forged).get("ds_access")).isNull();
  }

  @Test
  void returnToCannotPointOffSite() {
    HttpResponse<Buffer> start = browser.get(platform.port(), "127.0.0.1",
        "/api/v1/auth/oauth/github/start?returnTo=//evil.example/").send().await();
    assertThat(URLDecoder.decode(Platform.cookies(start).get("ds_oauth_return"), StandardCharsets.UTF_8)).isEqualTo("/");
  }

  @Test
  void aReturnToWithCharactersNoCookieValueMayHoldStillLandsThere() {
    providers.signsInAs("github", new FakeOAuthProviders.Person("4343", "lin", "Lin", "lin@example.org", true));

    HttpResponse<Buffer> callback = signInThrough("github", "/workspaces%3Ftab%3Db%3Bc%2Cd");

    assertThat(callback.statusCode()).isEqualTo(302);
    assertThat(callback.getHeader("Location")).isEqualTo("/workspaces?tab=b;c,d");
  }

  /** start → consent at the fake provider → callback, as the browser follows the redirects. */
  private static HttpResponse<Buffer> signInThrough(String provider, String returnTo) {
    HttpResponse<Buffer> start = browser.get(platform.port(), "127.0.0.1",
        "/api/v1/auth/oauth/" + provider + "/start?returnTo=" + returnTo).send().await();
    assertThat(start.statusCode()).as(start.bodyAsString()).isEqualTo(302);
    String returnCookie = Platform.cookies(start).get("ds_oauth_return");

    HttpResponse<Buffer> consent = browser.getAbs(start.getHeader("Location")).send().await();
    assertThat(consent.statusCode()).isEqualTo(302);
    URI back = URI.create(consent.getHeader("Location"));
    assertThat(back.getPath()).isEqualTo("/api/v1/auth/oauth/" + provider + "/callback");

    return browser.get(platform.port(), "127.0.0.1", back.getRawPath() + "?" + back.getRawQuery())
        .putHeader("Cookie", "ds_oauth_return=" + returnCookie).send().await();
  }
}
