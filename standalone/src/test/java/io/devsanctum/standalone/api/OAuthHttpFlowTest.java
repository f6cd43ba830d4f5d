package io.devsanctum.standalone.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
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
  private static String root;

  @BeforeAll
  static void start() {
    providers = new FakeOAuthProviders();
    Map<String, String> env = new HashMap<>(providers.env());
    env.put("DEVSANCTUM_OAUTH_ALLOWED_DOMAINS", "example.org");
    platform = Platform.start(env);
    root = platform.firstAdmin("root", "correct horse battery").getString("accessToken");
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
    assertThat(callback.cookies()).anyMatch(cookie -> cookie.startsWith("ds_oauth_browser=;") && cookie.contains("Max-Age=0"));
    MultiMap cookies = Platform.cookies(callback);
    HttpResponse<Buffer> me = platform.request(io.vertx.core.http.HttpMethod.GET, "/api/v1/users/me", null)
        .putHeader("Cookie", "ds_access=" + cookies.get("ds_access")).send().await();
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(me.bodyAsJsonObject().getString("email")).isEqualTo("ada-" + provider + "@example.org");
    assertThat(me.bodyAsJsonObject().getString("role")).isEqualTo("member");
  }

  @Test
  void aSignUpThroughAProviderIsRecordedOnceAsTheNewUsersOwnCreationWithTheProvider() {
    providers.signsInAs("github", new FakeOAuthProviders.Person("5151", "bea-audited", "Bea", "bea@example.org", true));
    assertThat(signInThrough("github", "/").statusCode()).isEqualTo(302);
    String created = platform.get("/api/v1/users", root).bodyAsJsonObject().getJsonArray("users").stream()
        .map(JsonObject.class::cast).filter(user -> "bea@example.org".equals(user.getString("email"))).findFirst()
        .orElseThrow().getString("id");

    // written to auth's outbox with the user, delivered to the log by its drainer
    List<JsonObject> records = await().atMost(Duration.ofSeconds(20)).until(() -> platform
        .get("/api/v1/audit?action=user.create&limit=500", root).bodyAsJsonObject().getJsonArray("events").stream()
        .map(JsonObject.class::cast).filter(r -> created.equals(r.getJsonObject("target").getString("id"))).toList(),
        found -> !found.isEmpty());
    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> records.size() == 1);
    JsonObject record = records.get(0);
    assertThat(record.getJsonObject("actor").getString("kind")).isEqualTo("user");
    assertThat(record.getJsonObject("actor").getString("userId")).isEqualTo(created);
    assertThat(record.getJsonObject("target").getString("name")).isEqualTo("bea-audited");
    assertThat(record.getJsonObject("change").getJsonObject("after").getMap())
        .containsEntry("signUp", "github").containsEntry("email", "bea@example.org").containsEntry("role", "member");
    assertThat(record.getJsonObject("result").getBoolean("success")).isTrue();
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

  @ParameterizedTest
  @ValueSource(strings = {"github", "google"})
  void aCallbackOpenedInAnotherBrowserDoesNotSignThatBrowserIn(String provider) {
    // login CSRF: the attacker signs in at the provider as themselves and stops at the callback link,
    // then has a victim's browser (which began no sign-in here) open it
    providers.signsInAs(provider, new FakeOAuthProviders.Person(provider.equals("github") ? "6666" : "google-6666",
        "mallory-" + provider, "Mallory", "mallory-" + provider + "@example.org", true));
    Began attackers = begin(provider, "/");
    URI callback = consentedCallback(provider, attackers);

    HttpResponse<Buffer> victims = browser.get(platform.port(), "127.0.0.1", callback.getRawPath() + "?" + callback.getRawQuery())
        .putHeader("Cookie", "ds_oauth_return=" + attackers.returnCookie()).send().await();

    assertThat(victims.statusCode()).isEqualTo(302);
    assertThat(URLDecoder.decode(victims.getHeader("Location"), StandardCharsets.UTF_8))
        .isEqualTo("/sign-in?error=this sign-in was begun in another browser; start it again here");
    assertThat(Platform.cookies(victims).get("ds_access")).isNull();
    // nor can the attacker finish it now: the state was spent by the refused attempt
    HttpResponse<Buffer> attackersOwn = callback(callback, attackers);
    assertThat(attackersOwn.getHeader("Location")).startsWith("/sign-in?error=");
    assertThat(Platform.cookies(attackersOwn).get("ds_access")).isNull();
  }

  @Test
  void theBrowserBindingCookieIsHttpOnlyLaxAndSentOnlyToTheProvidersCallback() {
    HttpResponse<Buffer> start = browser.get(platform.port(), "127.0.0.1", "/api/v1/auth/oauth/github/start").send().await();

    assertThat(start.cookies()).filteredOn(cookie -> cookie.startsWith("ds_oauth_browser=")).singleElement()
        .satisfies(cookie -> assertThat(cookie).contains("Path=/api/v1/auth/oauth/github/callback", "HTTPOnly",
            "SameSite=Lax").doesNotContain("Secure"));
  }

  /** What the browser holds after the start of a sign-in: where the provider's page is, and its cookies. */
  private record Began(URI authorizeUrl, String returnCookie, String browserCookie) {
  }

  private static Began begin(String provider, String returnTo) {
    HttpResponse<Buffer> start = browser.get(platform.port(), "127.0.0.1",
        "/api/v1/auth/oauth/" + provider + "/start?returnTo=" + returnTo).send().await();
    assertThat(start.statusCode()).as(start.bodyAsString()).isEqualTo(302);
    MultiMap cookies = Platform.cookies(start);
    return new Began(URI.create(start.getHeader("Location")), cookies.get("ds_oauth_return"),
        cookies.get("ds_oauth_browser"));
  }

  /** Consents at the fake provider; the callback it sends the browser back to. */
  private static URI consentedCallback(String provider, Began began) {
    HttpResponse<Buffer> consent = browser.getAbs(began.authorizeUrl().toString()).send().await();
    assertThat(consent.statusCode()).isEqualTo(302);
    URI back = URI.create(consent.getHeader("Location"));
    assertThat(back.getPath()).isEqualTo("/api/v1/auth/oauth/" + provider + "/callback");
    return back;
  }

  /** The callback, opened by the browser that began the sign-in (with its cookies). */
  private static HttpResponse<Buffer> callback(URI back, Began began) {
    return browser.get(platform.port(), "127.0.0.1", back.getRawPath() + "?" + back.getRawQuery())
        .putHeader("Cookie", "ds_oauth_return=" + began.returnCookie() + "; ds_oauth_browser=" + began.browserCookie())
        .send().await();
  }

  /** start → consent at the fake provider → callback, as the browser follows the redirects. */
  private static HttpResponse<Buffer> signInThrough(String provider, String returnTo) {
    Began began = begin(provider, returnTo);
    return callback(consentedCallback(provider, began), began);
  }
}
