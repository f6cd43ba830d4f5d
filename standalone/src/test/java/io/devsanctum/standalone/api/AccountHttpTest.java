package io.devsanctum.standalone.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Accounts, sign-in limits, trusted proxies, browser security headers and cross-origin refusals over
 * HTTP, against the whole platform (real PostgreSQL, the real workspace-service behind deletes).
 * The test's own loopback address is a trusted proxy here, so it can speak as clients at other
 * addresses through {@code X-Forwarded-For}, as Traefik does for real ones.
 */
class AccountHttpTest {

  private static Platform platform;
  private static String admin;

  @BeforeAll
  static void start() {
    platform = Platform.start(Map.of("DEVSANCTUM_TRUSTED_PROXIES", "127.0.0.1/32"));
    admin = platform.firstAdmin("root", "correct horse battery").getString("accessToken");
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  @Test
  void anAttackersWrongPasswordsFromOneAddressDoNotStopTheOwnerSigningInFromAnother() {
    member("owner-a", "owner's password");
    for (int i = 0; i < 6; i++) {
      signInFrom("198.51.100.7", "owner-a", "guess " + i);
    }

    HttpResponse<Buffer> attacker = signInFrom("198.51.100.7", "owner-a", "owner's password");
    HttpResponse<Buffer> owner = signInFrom("203.0.113.20", "owner-a", "owner's password");

    assertThat(attacker.statusCode()).isEqualTo(429);
    assertThat(attacker.getHeader("Retry-After")).isNotNull();
    assertThat(owner.statusCode()).isEqualTo(200);
  }

  @Test
  void anAdminSeesALockoutAndClearsIt() {
    String userId = member("locked-b", "b's password").getString("id");
    for (int i = 0; i < 5; i++) {
      signInFrom("198.51.100.8", "locked-b", "guess " + i);
    }
    assertThat(signInFrom("198.51.100.8", "locked-b", "b's password").statusCode()).isEqualTo(429);

    JsonArray lockouts = platform.get("/api/v1/sign-in-lockouts", admin).bodyAsJsonObject().getJsonArray("lockouts");
    assertThat(lockouts.stream().map(JsonObject.class::cast))
        .anySatisfy(lockout -> {
          assertThat(lockout.getString("username")).isEqualTo("locked-b");
          assertThat(lockout.getString("address")).isEqualTo("198.51.100.8");
          assertThat(lockout.getString("scope")).isEqualTo("account-address");
        });
    assertThat(platform.send(HttpMethod.DELETE, "/api/v1/users/" + userId + "/sign-in-lockouts", admin, null).statusCode())
        .isEqualTo(204);

    assertThat(signInFrom("198.51.100.8", "locked-b", "b's password").statusCode()).isEqualTo(200);
  }

  @Test
  void forwardedForIsBelievedOnlyFromATrustedProxy() {
    try (Platform untrusting = Platform.start()) {
      untrusting.firstAdmin("root", "correct horse battery");
      for (int i = 0; i < 5; i++) {
        untrusting.request(HttpMethod.POST, "/api/v1/auth/sign-in", null).putHeader("X-Forwarded-For", "192.0.2." + i)
            .sendJsonObject(new JsonObject().put("login", "root").put("password", "guess")).await();
      }
      // the forged addresses were ignored: all five failures count for the test's own address
      HttpResponse<Buffer> sixth = untrusting.request(HttpMethod.POST, "/api/v1/auth/sign-in", null)
          .putHeader("X-Forwarded-For", "192.0.2.99")
          .sendJsonObject(new JsonObject().put("login", "root").put("password", "correct horse battery")).await();
      assertThat(sixth.statusCode()).isEqualTo(429);
    }
  }

  @Test
  void changingOnesPasswordEndsTheOtherSignInsAndKeepsThisOne() {
    member("changer-c", "c's first password");
    JsonObject here = platform.signIn("changer-c", "c's first password");
    JsonObject elsewhere = platform.signIn("changer-c", "c's first password");

    HttpResponse<Buffer> wrong = platform.post("/api/v1/users/me/password", here.getString("accessToken"),
        new JsonObject().put("currentPassword", "not it").put("newPassword", "c's second password"));
    assertThat(wrong.statusCode()).isEqualTo(400);
    assertThat(wrong.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"))
        .isEqualTo("currentPassword");
    HttpResponse<Buffer> changed = platform.post("/api/v1/users/me/password", here.getString("accessToken"),
        new JsonObject().put("currentPassword", "c's first password").put("newPassword", "c's second password"));
    assertThat(changed.statusCode()).isEqualTo(200);

    assertThat(platform.get("/api/v1/users/me", here.getString("accessToken")).statusCode()).isEqualTo(200);
    assertThat(platform.get("/api/v1/users/me", elsewhere.getString("accessToken")).statusCode())
        .as("the other sign-in's access token, though not expired").isEqualTo(401);
    assertThat(platform.signIn("changer-c", "c's second password").getString("accessToken")).isNotBlank();
  }

  @Test
  void afterAnAdminsResetOnlyChangingThePasswordIsAllowed() {
    String userId = member("reset-d", "d's password").getString("id");
    String before = platform.signIn("reset-d", "d's password").getString("accessToken");

    HttpResponse<Buffer> reset = platform.post("/api/v1/users/" + userId + "/password-reset", admin, null);
    assertThat(reset.statusCode()).isEqualTo(200);
    assertThat(reset.getHeader("Cache-Control")).isEqualTo("no-store");
    String oneTime = reset.bodyAsJsonObject().getString("oneTimePassword");

    assertThat(platform.get("/api/v1/users/me", before).statusCode()).as("the sign-in before the reset").isEqualTo(401);
    JsonObject session = platform.signIn("reset-d", oneTime);
    String token = session.getString("accessToken");
    assertThat(session.getJsonObject("user").getBoolean("passwordChangeRequired")).isTrue();
    HttpResponse<Buffer> refused = platform.get("/api/v1/workspaces", token);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.bodyAsJsonObject().getString("type")).endsWith("/password-change-required");
    assertThat(platform.get("/api/v1/users/me", token).statusCode()).isEqualTo(200);

    assertThat(platform.post("/api/v1/users/me/password", token, new JsonObject()
        .put("currentPassword", oneTime).put("newPassword", "d's own new password")).statusCode()).isEqualTo(200);

    assertThat(platform.get("/api/v1/workspaces", token).statusCode()).as("at once, on the same token").isEqualTo(200);
  }

  @Test
  void aDeletedUsersCredentialsStopWorkingAndTheirWorkspacesGoWithThemOnlyWhenAsked() {
    JsonObject user = member("leaver-e", "e's password");
    String token = platform.signIn("leaver-e", "e's password").getString("accessToken");
    String apiToken = platform.post("/api/v1/api-tokens", token, new JsonObject().put("name", "ci"))
        .bodyAsJsonObject().getString("token");
    Docker.buildMinimalImage();
    HttpResponse<Buffer> templateCreated = platform.post("/api/v1/templates", admin, new JsonObject()
        .put("name", "delete-test").put("spec", new JsonObject().put("image", "devsanctum/workspace-minimal:latest")
            .put("apps", new JsonArray().add(new JsonObject().put("name", "web").put("port", 8080).put("default", true)
                .put("healthPath", "/healthz")))
            .put("cpuMillis", 250).put("memoryMb", 64).put("pidsLimit", 64).put("startupTimeoutSeconds", 30)));
    assertThat(templateCreated.statusCode()).as(templateCreated.bodyAsString()).isEqualTo(201);
    String template = templateCreated.bodyAsJsonObject().getString("id");
    HttpResponse<Buffer> created = platform.post("/api/v1/workspaces", token,
        new JsonObject().put("templateId", template).put("name", "doomed"));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    String workspace = created.bodyAsJsonObject().getString("id");
    awaitState(workspace, "RUNNING");

    HttpResponse<Buffer> refused = platform.send(HttpMethod.DELETE, "/api/v1/users/" + user.getString("id"), admin, null);
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.bodyAsJsonObject().getString("detail")).contains("doomed");
    assertThat(platform.get("/api/v1/users/me", token).statusCode()).as("nothing happened to them").isEqualTo(200);

    assertThat(platform.send(HttpMethod.DELETE, "/api/v1/users/" + user.getString("id") + "?deleteWorkspaces=true",
        admin, null).statusCode()).isEqualTo(204);

    assertThat(platform.get("/api/v1/users/me", token).statusCode()).isEqualTo(401);
    assertThat(platform.get("/api/v1/users/me", apiToken).statusCode()).isEqualTo(401);
    awaitState(workspace, "GONE");
  }

  @Test
  void everyKindOfResponseCarriesTheBrowserSecurityHeaders() {
    List<HttpResponse<Buffer>> responses = Stream.of("/", "/workspaces", "/docs/", "/api/v1/setup", "/api/v1/users/me",
            "/api/v1/nothing-here", "/openapi.json")
        .map(path -> platform.get(path, null)).toList();

    assertThat(responses).allSatisfy(response -> {
      assertThat(response.getHeader("Content-Security-Policy")).contains("script-src 'self'")
          .contains("frame-ancestors 'none'");
      assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(response.getHeader("Referrer-Policy")).isEqualTo("strict-origin-when-cross-origin");
      assertThat(response.getHeader("Strict-Transport-Security")).as("not over plain http").isNull();
    });
    assertThat(platform.get("/api/v1/users/me", admin).getHeader("Cache-Control")).isEqualTo("no-store");
    HttpResponse<Buffer> overHttps = platform.request(HttpMethod.GET, "/api/v1/setup", null)
        .putHeader("X-Forwarded-Proto", "https").send().await();
    assertThat(overHttps.getHeader("Strict-Transport-Security")).as("behind a trusted TLS proxy").startsWith("max-age=");
  }

  @Test
  void cookieRefreshAndSignOutFromAnotherOriginAreRefusedWhileTheDashboardsOwnWork() {
    member("cookies-f", "f's password");
    HttpResponse<Buffer> signIn = platform.post("/api/v1/auth/sign-in", null,
        new JsonObject().put("login", "cookies-f").put("password", "f's password"));
    String cookies = cookieHeader(Platform.cookies(signIn));

    for (String path : List.of("/api/v1/auth/refresh", "/api/v1/auth/sign-out")) {
      HttpResponse<Buffer> fromWorkspace = cookieRequest(path, cookies)
          .putHeader("Origin", "http://evil--mallory.localhost:" + platform.port()).putHeader("Sec-Fetch-Site", "same-site")
          .send().await();
      assertThat(fromWorkspace.statusCode()).as(path + " from a workspace page").isEqualTo(403);
    }
    HttpResponse<Buffer> own = cookieRequest("/api/v1/auth/refresh", cookies)
        .putHeader("Origin", "http://127.0.0.1:" + platform.port()).putHeader("Sec-Fetch-Site", "same-origin")
        .send().await();
    assertThat(own.statusCode()).isEqualTo(200);
  }

  private static HttpRequest<Buffer> cookieRequest(String path, String cookies) {
    return platform.request(HttpMethod.POST, path, null).putHeader("Cookie", cookies);
  }

  private static String cookieHeader(MultiMap cookies) {
    return String.join("; ", cookies.entries().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
  }

  private static HttpResponse<Buffer> signInFrom(String address, String login, String password) {
    return platform.request(HttpMethod.POST, "/api/v1/auth/sign-in", null).putHeader("X-Forwarded-For", address)
        .sendJsonObject(new JsonObject().put("login", login).put("password", password)).await();
  }

  private static JsonObject member(String username, String password) {
    HttpResponse<Buffer> created = platform.post("/api/v1/users", admin, new JsonObject()
        .put("email", username + "@example.com").put("username", username).put("password", password));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return created.bodyAsJsonObject();
  }

  /** Polls the workspace as the admin until it is in {@code state} ("GONE": deleted). */
  private static void awaitState(String workspace, String state) {
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> {
      HttpResponse<Buffer> found = platform.get("/api/v1/workspaces/" + workspace, admin);
      return "GONE".equals(state) ? found.statusCode() == 404
          : state.equals(found.bodyAsJsonObject().getString("state"));
    });
  }
}
