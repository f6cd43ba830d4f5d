package io.devsanctum.standalone.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Sign-in flows over HTTP against the running gateway and auth-service on a real PostgreSQL. */
class AuthHttpFlowTest {

  private static Platform platform;
  private static JsonObject admin;

  @BeforeAll
  static void start() {
    platform = Platform.start();
    admin = platform.firstAdmin("root", "correct horse battery");
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  @Test
  void firstAdminSetupIsRefusedOnceAUserExists() {
    assertThat(platform.get("/api/v1/setup", null).bodyAsJsonObject().getBoolean("firstUserRequired")).isFalse();

    HttpResponse<Buffer> again = platform.post("/api/v1/setup/first-admin", null, new JsonObject()
        .put("email", "mallory@example.com").put("username", "mallory").put("password", "takeover123"));

    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.getHeader("Content-Type")).isEqualTo("application/problem+json");
  }

  @Test
  void protectedEndpointNeedsAToken() {
    HttpResponse<Buffer> anonymous = platform.get("/api/v1/users/me", null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.bodyAsJsonObject().getString("type")).endsWith("/unauthenticated");

    HttpResponse<Buffer> me = platform.get("/api/v1/users/me", admin.getString("accessToken"));
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(me.bodyAsJsonObject().getString("username")).isEqualTo("root");
  }

  @Test
  void unknownLoginAndWrongPasswordGetTheSameAnswer() {
    HttpResponse<Buffer> unknown = platform.post("/api/v1/auth/sign-in", null,
        new JsonObject().put("login", "nobody").put("password", "whatever1"));
    HttpResponse<Buffer> wrong = platform.post("/api/v1/auth/sign-in", null,
        new JsonObject().put("login", "root").put("password", "wrong password"));

    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(unknown.bodyAsJsonObject().getString("detail")).isEqualTo(wrong.bodyAsJsonObject().getString("detail"));
  }

  @Test
  void dashboardSessionRefreshesWithCookiesAndSignOutEndsIt() {
    HttpResponse<Buffer> signIn = platform.post("/api/v1/auth/sign-in", null,
        new JsonObject().put("login", "root").put("password", "correct horse battery"));
    MultiMap cookies = Platform.cookies(signIn);
    assertThat(signIn.cookies()).anySatisfy(c -> assertThat(c).startsWith("ds_access=").containsIgnoringCase("HttpOnly")
        .contains("SameSite=Lax"));
    assertThat(signIn.cookies()).anySatisfy(c -> assertThat(c).startsWith("ds_refresh=").containsIgnoringCase("HttpOnly")
        .contains("Path=/api/v1/auth"));

    HttpResponse<Buffer> me = withCookies(HttpMethod.GET, "/api/v1/users/me", cookies, null);
    assertThat(me.statusCode()).isEqualTo(200);

    HttpResponse<Buffer> refreshed = withCookies(HttpMethod.POST, "/api/v1/auth/refresh", cookies, null);
    assertThat(refreshed.statusCode()).isEqualTo(200);
    MultiMap rotated = Platform.cookies(refreshed);
    assertThat(rotated.get("ds_refresh")).isNotEqualTo(cookies.get("ds_refresh"));
    // a second tab refreshing with the same cookie a moment later: refused, but it must not clear
    // the cookies the first tab has just received, nor end the session
    HttpResponse<Buffer> racingTab = withCookies(HttpMethod.POST, "/api/v1/auth/refresh", cookies, null);
    assertThat(racingTab.statusCode()).isEqualTo(409);
    assertThat(racingTab.cookies()).isEmpty();
    assertThat(withCookies(HttpMethod.GET, "/api/v1/users/me", rotated, null).statusCode()).isEqualTo(200);

    HttpResponse<Buffer> signOut = withCookies(HttpMethod.POST, "/api/v1/auth/sign-out", rotated, null);
    assertThat(signOut.statusCode()).isEqualTo(204);
    assertThat(Platform.cookies(signOut).get("ds_access")).isEmpty();

    HttpResponse<Buffer> afterSignOut = withCookies(HttpMethod.POST, "/api/v1/auth/refresh", rotated, null);
    assertThat(afterSignOut.statusCode()).isEqualTo(401);
  }

  @Test
  void cookieAuthenticatedWritesNeedTheCsrfToken() {
    MultiMap cookies = Platform.cookies(platform.post("/api/v1/auth/sign-in", null,
        new JsonObject().put("login", "root").put("password", "correct horse battery")));
    JsonObject body = new JsonObject().put("name", "csrf-check");

    HttpResponse<Buffer> withoutToken = withCookies(HttpMethod.POST, "/api/v1/api-tokens", cookies, body);
    assertThat(withoutToken.statusCode()).isEqualTo(403);

    HttpResponse<Buffer> withToken = platform.request(HttpMethod.POST, "/api/v1/api-tokens", null)
        .putHeader("Cookie", cookieHeader(cookies))
        .putHeader("X-CSRF-Token", cookies.get("ds_csrf"))
        .sendJsonObject(body).await();
    assertThat(withToken.statusCode()).isEqualTo(201);
  }

  @Test
  void membersAreRefusedAdminOperations() {
    JsonObject member = platform.member(admin.getString("accessToken"), "mia", "member password");

    HttpResponse<Buffer> list = platform.get("/api/v1/users", member.getString("accessToken"));

    assertThat(list.statusCode()).isEqualTo(403);
    assertThat(list.bodyAsJsonObject().getString("type")).endsWith("/forbidden");
    assertThat(platform.get("/api/v1/users", admin.getString("accessToken")).statusCode()).isEqualTo(200);
  }

  @Test
  void suspendedUserIsLockedOut() {
    JsonObject member = platform.member(admin.getString("accessToken"), "sam", "member password");
    String memberId = member.getJsonObject("user").getString("id");

    HttpResponse<Buffer> suspend = platform.post("/api/v1/users/" + memberId + "/suspend",
        admin.getString("accessToken"), null);
    assertThat(suspend.statusCode()).isEqualTo(200);

    HttpResponse<Buffer> refresh = platform.post("/api/v1/auth/refresh", null,
        new JsonObject().put("refreshToken", member.getString("refreshToken")));
    assertThat(refresh.statusCode()).isEqualTo(401);
    HttpResponse<Buffer> signIn = platform.post("/api/v1/auth/sign-in", null,
        new JsonObject().put("login", "sam").put("password", "member password"));
    assertThat(signIn.statusCode()).isEqualTo(401);
  }

  @Test
  void apiTokenWorksAsBearerUntilRevoked() {
    JsonObject created = platform.post("/api/v1/api-tokens", admin.getString("accessToken"),
        new JsonObject().put("name", "automation")).bodyAsJsonObject();
    String token = created.getString("token");
    assertThat(token).startsWith("dst_");

    assertThat(platform.get("/api/v1/users/me", token).statusCode()).isEqualTo(200);
    assertThat(platform.get("/api/v1/api-tokens", token).bodyAsJsonObject().encode()).doesNotContain(token);

    HttpResponse<Buffer> revoke = platform.send(HttpMethod.DELETE, "/api/v1/api-tokens/" + created.getString("id"),
        admin.getString("accessToken"), null);
    assertThat(revoke.statusCode()).isEqualTo(204);
    assertThat(platform.get("/api/v1/users/me", token).statusCode()).isEqualTo(401);
  }

  @Test
  void repeatedFailedSignInsAreRateLimitedWithRetryAfter() {
    platform.member(admin.getString("accessToken"), "rita", "member password");
    HttpResponse<Buffer> last = null;
    for (int i = 0; i < 6; i++) {
      last = platform.post("/api/v1/auth/sign-in", null, new JsonObject().put("login", "rita").put("password", "nope" + i));
    }
    assertThat(last.statusCode()).isEqualTo(429);
    assertThat(Long.parseLong(last.getHeader("Retry-After"))).isPositive();
  }

  private static HttpResponse<Buffer> withCookies(HttpMethod method, String path, MultiMap cookies, JsonObject body) {
    var request = platform.request(method, path, null).putHeader("Cookie", cookieHeader(cookies));
    return (body == null ? request.send() : request.sendJsonObject(body)).await();
  }

  private static String cookieHeader(MultiMap cookies) {
    StringBuilder header = new StringBuilder();
    cookies.forEach(e -> header.append(header.isEmpty() ? "" : "; ").append(e.getKey()).append('=').append(e.getValue()));
    return header.toString();
  }
}
