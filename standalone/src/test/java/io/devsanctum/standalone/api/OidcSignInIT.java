package io.devsanctum.standalone.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.devsanctum.auth.FakeOAuthProviders;
import io.devsanctum.standalone.oidc.CuttableProxy;
import io.devsanctum.standalone.oidc.Keycloak;
import io.devsanctum.standalone.oidc.KeycloakBrowser;
import io.devsanctum.standalone.oidc.Realm;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Pool;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sign-in through a real Keycloak (started by the test from the Maven artifact, set up through its
 * admin API), as a browser does it through the gateway: DevSanctum's start → Keycloak's real login
 * page → the callback. Keycloak is reached through a proxy the test can cut, so that it can become
 * unreachable while DevSanctum runs. Beside it, the local stand-ins for GitHub and Google.
 */
class OidcSignInIT {

  private static final String PASSWORD = "correct horse battery staple";
  private static final String CLIENT_SECRET = "devsanctum-client-secret-" + System.nanoTime();

  private static Keycloak keycloak;
  private static CuttableProxy proxy;
  private static Realm realm;
  private static FakeOAuthProviders otherProviders;
  private static Platform platform;
  private static String adminToken;

  @BeforeAll
  static void start() throws Exception {
    keycloak = Keycloak.shared();
    proxy = new CuttableProxy(keycloak.port());
    realm = keycloak.createRealm("devsanctum-it");
    realm.createGroup("devsanctum-admins");
    realm.createGroup("developers");
    realm.createGroup("marketing");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    realm.createClient("devsanctum", CLIENT_SECRET,
        List.of("http://127.0.0.1:" + port + "/api/v1/auth/oauth/keycloak/callback"),
        List.of("http://127.0.0.1:" + port + "/sign-in"));

    otherProviders = new FakeOAuthProviders();
    Map<String, String> env = new HashMap<>(otherProviders.env());
    env.put("DEVSANCTUM_HTTP_PORT", Integer.toString(port));
    env.put("DEVSANCTUM_OIDC_PROVIDERS", "keycloak");
    env.put("DEVSANCTUM_OIDC_KEYCLOAK_ISSUER", realm.issuer(proxy.url()));
    env.put("DEVSANCTUM_OIDC_KEYCLOAK_CLIENT_ID", "devsanctum");
    env.put("DEVSANCTUM_OIDC_KEYCLOAK_CLIENT_SECRET", CLIENT_SECRET);
    env.put("DEVSANCTUM_OIDC_KEYCLOAK_DISPLAY_NAME", "Keycloak");
    env.put("DEVSANCTUM_OIDC_KEYCLOAK_ICON_URL", "/icons/openid.svg");
    env.put("DEVSANCTUM_OIDC_KEYCLOAK_ALLOWED_GROUPS", "/devsanctum-admins,/developers");
    env.put("DEVSANCTUM_OIDC_KEYCLOAK_ROLE_MAPPING", "/devsanctum-admins=admin,/developers=member");
    env.put("DEVSANCTUM_OIDC_KEYCLOAK_OPEN_SIGNUP", "true"); // sign-up stays closed for GitHub and Google
    env.put("DEVSANCTUM_OIDC_KEYCLOAK_SIGN_OUT_AT_PROVIDER", "true");
    platform = Platform.start(env);
    adminToken = platform.firstAdmin("root", PASSWORD).getString("accessToken");
  }

  @AfterAll
  static void stop() {
    if (platform != null) {
      platform.close();
    }
    if (otherProviders != null) {
      otherProviders.close();
    }
    if (proxy != null) {
      proxy.close();
    }
  }

  @Test
  void aPersonSignsInThroughKeycloaksLoginPageAndTheirGroupGivesThemTheirRole() {
    realm.createUser("ada", "ada@corp.example", true, "Ada", "Lovelace", PASSWORD, List.of("devsanctum-admins"));
    KeycloakBrowser browser = browser();

    HttpResponse<Buffer> callback = browser.follow(browser.signInAtKeycloak("keycloak", "ada", PASSWORD));

    assertThat(callback.statusCode()).isEqualTo(302);
    assertThat(callback.getHeader("Location")).isEqualTo("/workspaces");
    JsonObject me = me(browser);
    assertThat(me.getString("username")).isEqualTo("ada");
    assertThat(me.getString("displayName")).isEqualTo("Ada Lovelace");
    assertThat(me.getString("email")).isEqualTo("ada@corp.example");
    assertThat(me.getString("role")).isEqualTo("owner");
    assertThat(signInMethods("ada")).containsExactly(new JsonObject().put("provider", "keycloak").put("name", "Keycloak"));
    assertThat(signInMethods("root")).containsExactly(new JsonObject().put("provider", "password").put("name", "Password"));
  }

  @Test
  void anEmailChangeAtKeycloakKeepsTheUserAndTheRoleFollowsTheGroupsAtEverySignIn() {
    String lin = realm.createUser("lin", "lin@corp.example", true, "Lin", "Chen", PASSWORD,
        List.of("devsanctum-admins", "developers"));
    KeycloakBrowser first = browser();
    first.follow(first.signInAtKeycloak("keycloak", "lin", PASSWORD));
    JsonObject before = me(first);
    assertThat(before.getString("role")).isEqualTo("owner");

    realm.updateUser(lin, new JsonObject().put("email", "lin.chen@elsewhere.example").put("emailVerified", false));
    realm.removeFromGroup(lin, "devsanctum-admins");
    KeycloakBrowser second = browser();
    HttpResponse<Buffer> callback = second.follow(second.signInAtKeycloak("keycloak", "lin", PASSWORD));

    assertThat(callback.getHeader("Location")).isEqualTo("/workspaces");
    JsonObject after = me(second);
    assertThat(after.getString("id")).isEqualTo(before.getString("id"));
    assertThat(after.getString("role")).isEqualTo("member");
    // the earlier sign-in's role went with it at once
    assertThat(me(first).getString("role")).isEqualTo("member");
  }

  @Test
  void someoneInNoneOfTheAllowedGroupsIsRefusedWithAClearMessage() {
    realm.createUser("mallory", "mallory@corp.example", true, "Mallory", "Marketing", PASSWORD, List.of("marketing"));
    KeycloakBrowser browser = browser();

    HttpResponse<Buffer> callback = browser.follow(browser.signInAtKeycloak("keycloak", "mallory", PASSWORD));

    assertThat(signInError(callback)).isEqualTo(
        "your Keycloak account is in none of the groups allowed to sign in here; ask an admin");
    assertThat(Platform.cookies(callback).get("ds_access")).isNull();
    assertThat(usernames()).doesNotContain("mallory");
  }

  @Test
  void anUnverifiedEmailIsNotLinkedToTheExistingAccount() {
    platform.post("/api/v1/users", adminToken, new JsonObject().put("email", "grace@corp.example")
        .put("username", "grace").put("password", PASSWORD));
    realm.createUser("grace-at-keycloak", "grace@corp.example", false, "Grace", "Hopper", PASSWORD,
        List.of("developers"));
    KeycloakBrowser browser = browser();

    HttpResponse<Buffer> callback = browser.follow(browser.signInAtKeycloak("keycloak", "grace-at-keycloak", PASSWORD));

    assertThat(signInError(callback)).isEqualTo("your Keycloak email is not verified");
    assertThat(Platform.cookies(callback).get("ds_access")).isNull();
    assertThat(signInMethods("grace")).containsExactly(new JsonObject().put("provider", "password").put("name", "Password"));
  }

  @Test
  void aTamperedStateIsRefusedWhileTheGenuineCallbackStillSignsIn() {
    realm.createUser("tam", "tam@corp.example", true, "Tam", "Lin", PASSWORD, List.of("developers"));
    KeycloakBrowser browser = browser();
    URI genuine = browser.signInAtKeycloak("keycloak", "tam", PASSWORD);

    HttpResponse<Buffer> tampered = browser.follow(withParameter(genuine, "state", "Yq3F2uQ9Zr1wXo0b4lK7nP2sV8dE6fG1hJ5mC9aB3tU"));

    assertThat(signInError(tampered)).isEqualTo("sign-in attempt expired or invalid; start again");
    assertThat(browser.follow(genuine).getHeader("Location")).isEqualTo("/workspaces");
  }

  @Test
  void aReplayedCallbackIsRefused() {
    realm.createUser("rae", "rae@corp.example", true, "Rae", "Replay", PASSWORD, List.of("developers"));
    KeycloakBrowser browser = browser();
    URI callback = browser.signInAtKeycloak("keycloak", "rae", PASSWORD);
    assertThat(browser.follow(callback).getHeader("Location")).isEqualTo("/workspaces");

    HttpResponse<Buffer> replayed = browser().follow(callback);

    assertThat(signInError(replayed)).isEqualTo("sign-in attempt expired or invalid; start again");
    assertThat(Platform.cookies(replayed).get("ds_access")).isNull();
  }

  @Test
  void aCallbackCarriedToAnotherBrowserDoesNotSignThatBrowserIn() {
    realm.createUser("cara", "cara@corp.example", true, "Cara", "Carried", PASSWORD, List.of("developers"));
    URI attackersCallback = browser().signInAtKeycloak("keycloak", "cara", PASSWORD);

    // login CSRF: a victim's browser, which began no sign-in, opens the attacker's unspent callback
    HttpResponse<Buffer> victims = browser().follow(attackersCallback);

    assertThat(signInError(victims)).isEqualTo("this sign-in was begun in another browser; start it again here");
    assertThat(Platform.cookies(victims).get("ds_access")).isNull();
    assertThat(usernames()).doesNotContain("cara");
  }

  @Test
  void aCodeAlreadyRedeemedIsRefusedInAnotherSignIn() {
    realm.createUser("cody", "cody@corp.example", true, "Cody", "Reuse", PASSWORD, List.of("developers"));
    KeycloakBrowser browser = browser();
    URI redeemed = browser.signInAtKeycloak("keycloak", "cody", PASSWORD);
    assertThat(browser.follow(redeemed).getHeader("Location")).isEqualTo("/workspaces");

    // an attacker who captured the code begins a sign-in of their own and presents the code with its state
    KeycloakBrowser attacker = browser();
    String attackersState = parameter(URI.create(attacker.start("keycloak").getHeader("Location")), "state");
    HttpResponse<Buffer> injected = attacker.follow(withParameter(redeemed, "state", attackersState));

    assertThat(signInError(injected)).isEqualTo("Keycloak did not confirm the sign-in; start again");
    assertThat(Platform.cookies(injected).get("ds_access")).isNull();
  }

  @Test
  void anIdTokenWithoutTheSignInsNonceIsRefused() {
    realm.createUser("nia", "nia@corp.example", true, "Nia", "Nonce", PASSWORD, List.of("developers"));
    KeycloakBrowser browser = browser();
    URI callback = browser.signInAtKeycloak("keycloak", "nia", PASSWORD);
    // as if the ID token had been minted for another sign-in: the nonce this one expects is not its
    Pool auth = platform.database("auth");
    try (LogCapture log = new LogCapture()) {
      auth.query("UPDATE auth.oauth_flows SET nonce = 'a-nonce-keycloak-never-saw'").execute().await();

      HttpResponse<Buffer> refused = browser.follow(callback);

      assertThat(signInError(refused)).isEqualTo("Keycloak did not confirm the sign-in; start again");
      assertThat(log.messages()).anyMatch(line -> line.contains("ID token refused: its nonce is not this sign-in's"));
    } finally {
      auth.close().await();
    }
    assertThat(usernames()).doesNotContain("nia");
  }

  @Test
  void aCallbackNamingAnotherIssuerIsRefused() {
    realm.createUser("ivy", "ivy@corp.example", true, "Ivy", "Issuer", PASSWORD, List.of("developers"));
    KeycloakBrowser browser = browser();
    URI callback = browser.signInAtKeycloak("keycloak", "ivy", PASSWORD);
    assertThat(parameter(callback, "iss")).isEqualTo(realm.issuer(proxy.url()));

    HttpResponse<Buffer> mixedUp = browser.follow(withParameter(callback, "iss", "https://sso.evil.example/realms/x"));

    assertThat(signInError(mixedUp)).isEqualTo("the sign-in came back from another issuer than Keycloak; start again");
  }

  @Test
  void afterKeycloakRotatesItsSigningKeyTheNextSignInStillValidates() {
    realm.createUser("kai", "kai@corp.example", true, "Kai", "Rotation", PASSWORD, List.of("developers"));
    KeycloakBrowser before = browser();
    assertThat(before.follow(before.signInAtKeycloak("keycloak", "kai", PASSWORD)).getHeader("Location"))
        .isEqualTo("/workspaces");
    List<String> oldKeys = realm.signingKeyIds();

    realm.rotateSigningKey();

    assertThat(realm.signingKeyIds()).doesNotContainAnyElementsOf(oldKeys).isNotEmpty();
    KeycloakBrowser after = browser();
    HttpResponse<Buffer> callback = after.follow(after.signInAtKeycloak("keycloak", "kai", PASSWORD));
    assertThat(callback.getHeader("Location")).isEqualTo("/workspaces");
    assertThat(me(after).getString("username")).isEqualTo("kai");
  }

  @Test
  void signingOutEndsTheSessionAtKeycloakTooWhenConfiguredSo() {
    realm.createUser("sol", "sol@corp.example", true, "Sol", "Signout", PASSWORD, List.of("developers"));
    KeycloakBrowser browser = browser();
    browser.follow(browser.signInAtKeycloak("keycloak", "sol", PASSWORD));

    HttpResponse<Buffer> signOut = browser.signOut();

    assertThat(signOut.statusCode()).isEqualTo(200);
    assertThat(browser.follow(URI.create("/api/v1/users/me")).statusCode()).isEqualTo(401);
    URI endSession = URI.create(signOut.bodyAsJsonObject().getString("providerSignOutUrl"));
    assertThat(endSession.toString()).startsWith(realm.issuer(proxy.url()) + "/protocol/openid-connect/logout?");
    String backHere = "http://127.0.0.1:" + platform.port() + "/sign-in";
    assertThat(parameter(endSession, "post_logout_redirect_uri")).isEqualTo(backHere);
    HttpResponse<Buffer> atKeycloak = browser.open(endSession);
    assertThat(atKeycloak.statusCode()).as(atKeycloak.bodyAsString()).isEqualTo(302);
    assertThat(atKeycloak.getHeader("Location")).isEqualTo(backHere);
    // Keycloak's session is gone: the next sign-in in this browser asks for the password again
    assertThat(browser.follow(browser.signInAtKeycloak("keycloak", "sol", PASSWORD)).getHeader("Location"))
        .isEqualTo("/workspaces");
  }

  @Test
  void whileKeycloakIsUnreachableTheSignInPageSaysSoAndPasswordAndOtherProvidersKeepWorking() {
    realm.createUser("una", "una@corp.example", true, "Una", "Reachable", PASSWORD, List.of("developers"));
    proxy.cut();
    try {
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
          assertThat(offered().get("keycloak").getBoolean("available")).isFalse());
      assertThat(offered().get("github").getBoolean("available")).isTrue();
      JsonObject keycloakButton = offered().get("keycloak");
      assertThat(keycloakButton.getString("name")).isEqualTo("Keycloak");
      assertThat(keycloakButton.getString("iconUrl")).isEqualTo("/icons/openid.svg");

      HttpResponse<Buffer> start = browser().start("keycloak");
      assertThat(signInError(start)).isEqualTo(
          "Keycloak cannot be reached right now; sign in another way or try again later");

      assertThat(platform.signIn("root", PASSWORD).getJsonObject("user").getString("username")).isEqualTo("root");
      otherProviders.signsInAs("github", new FakeOAuthProviders.Person("31337", "root-at-github", "Root",
          "root@example.com", true));
      KeycloakBrowser github = browser();
      URI consent = URI.create(github.start("github").getHeader("Location"));
      HttpResponse<Buffer> consented = WebClient.create(platform.runtime().vertx(),
              new WebClientOptions().setFollowRedirects(false))
          .getAbs(consent.toString()).send().await();
      HttpResponse<Buffer> githubCallback = github.follow(URI.create(consented.getHeader("Location")));
      assertThat(githubCallback.getHeader("Location")).isEqualTo("/workspaces");
      assertThat(me(github).getString("username")).isEqualTo("root");
    } finally {
      proxy.restore();
    }

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(offered().get("keycloak").getBoolean("available")).isTrue());
    KeycloakBrowser back = browser();
    assertThat(back.follow(back.signInAtKeycloak("keycloak", "una", PASSWORD)).getHeader("Location"))
        .isEqualTo("/workspaces");
  }

  private static KeycloakBrowser browser() {
    return new KeycloakBrowser(platform.runtime().vertx(), platform.port());
  }

  private static JsonObject me(KeycloakBrowser browser) {
    HttpResponse<Buffer> me = browser.follow(URI.create("/api/v1/users/me"));
    assertThat(me.statusCode()).as(me.bodyAsString()).isEqualTo(200);
    return me.bodyAsJsonObject();
  }

  /** The message the sign-in page is sent to show; fails unless the answer is that redirect. */
  private static String signInError(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).isEqualTo(302);
    String location = response.getHeader("Location");
    assertThat(location).startsWith("/sign-in?error=");
    return URLDecoder.decode(location.substring("/sign-in?error=".length()), StandardCharsets.UTF_8);
  }

  private static Map<String, JsonObject> offered() {
    Map<String, JsonObject> byId = new HashMap<>();
    platform.get("/api/v1/auth/oauth/providers", null).bodyAsJsonObject().getJsonArray("providers")
        .forEach(provider -> byId.put(((JsonObject) provider).getString("id"), (JsonObject) provider));
    return byId;
  }

  private static JsonArray users() {
    return platform.get("/api/v1/users", adminToken).bodyAsJsonObject().getJsonArray("users");
  }

  private static List<String> usernames() {
    return users().stream().map(user -> ((JsonObject) user).getString("username")).toList();
  }

  private static List<Object> signInMethods(String username) {
    return users().stream().map(JsonObject.class::cast)
        .filter(user -> username.equals(user.getString("username")))
        .findFirst().orElseThrow()
        .getJsonArray("signInMethods").stream().toList();
  }

  private static String parameter(URI uri, String name) {
    for (String pair : uri.getRawQuery().split("&")) {
      int equals = pair.indexOf('=');
      if (pair.substring(0, equals).equals(name)) {
        return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
      }
    }
    throw new AssertionError("no " + name + " in " + uri);
  }

  private static URI withParameter(URI uri, String name, String value) {
    StringBuilder query = new StringBuilder();
    for (String pair : uri.getRawQuery().split("&")) {
      String key = pair.substring(0, pair.indexOf('='));
      query.append(query.length() == 0 ? "" : "&")
          .append(key.equals(name) ? key + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8) : pair);
    }
    return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath() + "?" + query);
  }
}
