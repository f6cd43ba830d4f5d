package io.devsanctum.standalone.api;

import static io.devsanctum.standalone.api.Docker.docker;
import static org.assertj.core.api.Assertions.assertThat;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.bus.TypedBus;
import io.devsanctum.common.contract.SharingLevel;
import io.devsanctum.common.contract.routing.AppRoute;
import io.devsanctum.common.contract.routing.RouteRegistration;
import io.devsanctum.common.contract.routing.RoutingContract;
import io.micrometer.core.instrument.Gauge;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The built-in workspace proxy and workspace access end to end: the whole platform on a real
 * database, routes registered over the event bus as the orchestrator does, upstreams that are a
 * real workspace container or a Vert.x server started here that records what reaches it.
 */
@Timeout(180)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkspaceProxyTest {

  private Platform platform;
  private Vertx vertx;
  private WebClient http;
  private JsonObject admin;
  private JsonObject ada;
  private JsonObject ben;
  private RoutingContract routing;

  @BeforeAll
  void start() {
    // a short upstream response timeout, so that a hung upstream is seen to be cut off
    platform = Platform.start(Map.of("DEVSANCTUM_PROXY_RESPONSE_TIMEOUT_SECONDS", "2"));
    vertx = platform.runtime().vertx();
    http = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false));
    routing = TypedBus.client(vertx, RoutingContract.class);
    admin = platform.firstAdmin("root", "root password");
    ada = platform.member(admin.getString("accessToken"), "ada", "ada password");
    ben = platform.member(admin.getString("accessToken"), "ben", "ben password");
  }

  @AfterAll
  void stop() {
    platform.close();
  }

  @Test
  void anAnonymousVisitorSignsInAndLandsOnTheWorkspaceContainersPage() throws Exception {
    String container = docker("run", "-d", "--rm", "-p", "127.0.0.1::8080",
        "-e", "DEVSANCTUM_WORKSPACE_NAME=proxied", "-e", "DEVSANCTUM_OWNER_NAME=ada",
        "devsanctum/workspace-minimal:latest").trim();
    try {
      String published = docker("port", container, "8080/tcp").lines().findFirst().orElseThrow().trim();
      int port = Integer.parseInt(published.substring(published.lastIndexOf(':') + 1));
      awaitUpstream(port);
      String host = register(UUID.randomUUID(), ada, "proxied", "owner", port);

      // anonymous: to the dashboard's handoff, which sends a visitor without session to sign in
      HttpResponse<Buffer> anonymous = visit(host, "/index.html?x=1", null, null);
      assertThat(anonymous.statusCode()).isEqualTo(302);
      String handoff = anonymous.getHeader("Location");
      assertThat(handoff).isEqualTo(dashboard() + "/api/v1/workspace-access/handoff?host=" + host
          + "&path=%2Findex.html%3Fx%3D1");
      HttpResponse<Buffer> notSignedIn = dashboardGet(handoff, null);
      assertThat(notSignedIn.statusCode()).isEqualTo(302);
      assertThat(notSignedIn.getHeader("Location")).isEqualTo(dashboard() + "/sign-in?returnTo="
          + java.net.URLEncoder.encode(handoff, StandardCharsets.UTF_8));

      // signed in with the dashboard's cookies, the handoff hands over to the workspace's origin
      HttpResponse<Buffer> signIn = platform.post("/api/v1/auth/sign-in", null,
          new JsonObject().put("login", "ada").put("password", "ada password"));
      String dashboardCookies = "ds_access=" + Platform.cookies(signIn).get("ds_access");
      HttpResponse<Buffer> handedOver = dashboardGet(handoff, dashboardCookies);
      assertThat(handedOver.statusCode()).isEqualTo(302);
      String exchange = handedOver.getHeader("Location");
      assertThat(exchange).startsWith("http://" + host + ":" + platform.port() + "/.devsanctum/auth?token=");

      URI exchangeUri = URI.create(exchange);
      HttpResponse<Buffer> exchanged = visit(host, exchangeUri.getRawPath() + "?" + exchangeUri.getRawQuery(), null, null);
      assertThat(exchanged.statusCode()).isEqualTo(302);
      assertThat(exchanged.getHeader("Location")).isEqualTo("/index.html?x=1");
      assertThat(exchanged.cookies()).singleElement().satisfies(cookie -> assertThat(cookie)
          .startsWith("ds_ws=").containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax")
          .doesNotContainIgnoringCase("Domain=").doesNotContainIgnoringCase("Secure"));
      String wsCookie = "ds_ws=" + Platform.cookies(exchanged).get("ds_ws");

      HttpResponse<Buffer> page = visit(host, "/index.html?x=1", wsCookie, null);
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.bodyAsString()).contains("DevSanctum workspace proxied").contains("Owner: ada");

      // the token is single-use
      HttpResponse<Buffer> replay = visit(host, exchangeUri.getRawPath() + "?" + exchangeUri.getRawQuery(), null, null);
      assertThat(replay.statusCode()).isEqualTo(403);
      assertThat(replay.cookies()).isEmpty();

      // another signed-in user learns nothing: 404 from the handoff and from the host itself
      HttpResponse<Buffer> bensHandoff = dashboardGet(handoff + "&unused=1", null, ben.getString("accessToken"));
      assertThat(bensHandoff.statusCode()).isEqualTo(404);
      HttpResponse<Buffer> bensVisit = visit(host, "/index.html", null, ben.getString("accessToken"));
      assertThat(bensVisit.statusCode()).isEqualTo(404);
      assertThat(bensVisit.bodyAsString()).isEqualTo(visit("nothing-here.localhost", "/", null, null).bodyAsString());
      // ada's cookie is bound to its host
      String otherHost = register(UUID.randomUUID(), ben, "elsewhere", "owner", port);
      assertThat(visit(otherHost, "/", wsCookie, null).statusCode()).isEqualTo(302);
    } finally {
      docker("rm", "-f", container);
    }
  }

  @Test
  void httpAndWebSocketsReachTheUpstreamWithoutOurCredentials() throws Exception {
    Upstream upstream = Upstream.start(vertx, 0);
    try {
      String host = register(UUID.randomUUID(), ada, "echo", "owner", upstream.port());
      String wsCookie = workspaceCookie(host, ada);
      String cookies = wsCookie + "; ds_access=" + ada.getString("accessToken") + "; ds_csrf=abc; app=kept";

      HttpRequest<Buffer> request = http.request(HttpMethod.GET, platform.port(), "127.0.0.1", "/hello?q=1")
          .virtualHost(host).putHeader("Cookie", cookies)
          .putHeader("Authorization", "Bearer " + ada.getString("accessToken"))
          .putHeader("X-DevSanctum-User-Role", "admin").putHeader("X-Forwarded-For", "6.6.6.6");
      HttpResponse<Buffer> response = request.send().await();
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.bodyAsString()).isEqualTo("upstream saw /hello?q=1");
      JsonObject seen = upstream.requests().poll(5, TimeUnit.SECONDS);
      assertThat(seen.getString("cookie")).isEqualTo("app=kept");
      assertThat(seen.getString("authorization")).isNull();
      assertThat(seen.getString("x-forwarded-host")).isEqualTo(host + ":" + platform.port());
      assertThat(seen.getString("x-forwarded-proto")).isEqualTo("http");
      assertThat(seen.getString("x-forwarded-port")).isEqualTo(String.valueOf(platform.port()));
      assertThat(seen.getString("x-forwarded-for")).isEqualTo("127.0.0.1");
      assertThat(seen.getString("x-devsanctum-user-id")).isEqualTo(userId(ada));
      assertThat(seen.getString("x-devsanctum-user-role")).isEqualTo("member");

      WebSocketClient client = vertx.createWebSocketClient();
      BlockingQueue<String> received = new LinkedBlockingQueue<>();
      // the handler is set in the connect callback, on the socket's event loop, so the greeting the
      // upstream sends at once cannot arrive before it
      WebSocket socket = client.connect(new WebSocketConnectOptions()
              .setHost("127.0.0.1").setPort(platform.port()).setURI("/socket")
              .addHeader("Host", host + ":" + platform.port())
              .addHeader("Cookie", cookies))
          .onSuccess(connected -> connected.textMessageHandler(received::add))
          .await();
      assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("hello from upstream");
      socket.writeTextMessage("ping").await();
      assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("echo: ping");
      assertThat(platform.runtime().meterRegistry().get("devsanctum.proxy.websockets").gauge().value()).isEqualTo(1);
      JsonObject upgrade = upstream.requests().poll(5, TimeUnit.SECONDS);
      assertThat(upgrade.getString("path")).isEqualTo("/socket");
      assertThat(upgrade.getString("cookie")).isEqualTo("app=kept");
      assertThat(upgrade.getString("x-devsanctum-user-id")).isEqualTo(userId(ada));
      socket.close().await();
      client.close().await();
    } finally {
      upstream.close();
    }
  }

  @Test
  void publicWorkspacesOpenWithoutSignInAndAuthenticatedOnesForAnySignedInUser() throws Exception {
    Upstream upstream = Upstream.start(vertx, 0);
    try {
      String publicHost = register(UUID.randomUUID(), ada, "open", "public", upstream.port());
      HttpResponse<Buffer> anonymous = visit(publicHost, "/", null, null);
      assertThat(anonymous.statusCode()).isEqualTo(200);
      assertThat(upstream.requests().poll(5, TimeUnit.SECONDS).getString("x-devsanctum-user-id")).isNull();

      String sharedHost = register(UUID.randomUUID(), ada, "shared", "authenticated", upstream.port());
      assertThat(visit(sharedHost, "/", null, null).statusCode()).isEqualTo(302);
      assertThat(visit(sharedHost, "/", null, ben.getString("accessToken")).statusCode()).isEqualTo(200);
      assertThat(upstream.requests().poll(5, TimeUnit.SECONDS).getString("x-devsanctum-user-id")).isEqualTo(userId(ben));
    } finally {
      upstream.close();
    }
  }

  @Test
  void aStoppedWorkspaceSaysSoAndComesBackOnTheSameHost() throws Exception {
    Upstream upstream = Upstream.start(vertx, 0);
    try {
      UUID workspace = UUID.randomUUID();
      String host = register(workspace, ada, "pausing", "owner", upstream.port());
      String wsCookie = workspaceCookie(host, ada);
      assertThat(visit(host, "/", wsCookie, null).statusCode()).isEqualTo(200);

      routing.deregister(Caller.service("workspace"), workspace, false).await();
      HttpResponse<Buffer> stopped = pollUntil(host, wsCookie, 503);
      assertThat(stopped.getHeader("Content-Type")).startsWith("text/html");
      assertThat(stopped.bodyAsString()).contains("Workspace pausing--ada is stopped")
          .contains("href=\"" + dashboard() + "/workspaces/" + workspace + "\"");
      // others still learn nothing
      assertThat(visit(host, "/", null, ben.getString("accessToken")).statusCode()).isEqualTo(404);

      assertThat(register(workspace, ada, "pausing", "owner", upstream.port())).isEqualTo(host);
      pollUntil(host, wsCookie, 200);
    } finally {
      upstream.close();
    }
  }

  @Test
  void anUpstreamThatStopsAnsweringGetsTheNotAnsweringPageAndIsReportedUnhealthy() throws Exception {
    Upstream upstream = Upstream.start(vertx, 0);
    int port = upstream.port();
    String host = register(UUID.randomUUID(), ada, "flaky", "public", port);
    assertThat(visit(host, "/", null, null).statusCode()).isEqualTo(200);

    upstream.close();
    HttpResponse<Buffer> down = visit(host, "/", null, null);
    assertThat(down.statusCode()).isEqualTo(502);
    assertThat(down.getHeader("Content-Type")).startsWith("text/html");
    assertThat(down.bodyAsString()).contains("Workspace is not answering");
    awaitHealth(host, false);

    Upstream again = Upstream.start(vertx, port);
    try {
      assertThat(visit(host, "/", null, null).statusCode()).isEqualTo(200);
      awaitHealth(host, true);
    } finally {
      again.close();
    }
  }

  @Test
  void internalAuthzAnswersAsTraefiksForwardAuthExpects() throws Exception {
    String host = register(UUID.randomUUID(), ada, "traefik", "owner", 9);
    String wsCookie = workspaceCookie(host, ada);

    HttpResponse<Buffer> owner = authz(host, "/some/page?x=1", wsCookie, null);
    assertThat(owner.statusCode()).isEqualTo(200);
    assertThat(owner.getHeader("X-DevSanctum-User-Id")).isEqualTo(userId(ada));
    assertThat(owner.getHeader("X-DevSanctum-User-Role")).isEqualTo("member");
    assertThat(owner.getHeader("X-DevSanctum-Username")).isEqualTo("ada");

    assertThat(authz(host, "/", null, ben.getString("accessToken")).statusCode()).isEqualTo(404);
    assertThat(authz("unknown.localhost", "/", wsCookie, null).statusCode()).isEqualTo(404);

    HttpResponse<Buffer> anonymous = authz(host, "/some/page?x=1", null, null);
    assertThat(anonymous.statusCode()).isEqualTo(302);
    assertThat(anonymous.getHeader("Location")).isEqualTo(dashboard() + "/api/v1/workspace-access/handoff?host="
        + host + "&path=%2Fsome%2Fpage%3Fx%3D1");

    // the token exchange works behind Traefik too: the auth path comes as X-Forwarded-Uri
    String exchange = dashboardGet(dashboard() + "/api/v1/workspace-access/handoff?host=" + host + "&path=%2Fdeep",
        null, ada.getString("accessToken")).getHeader("Location");
    String forwardedUri = URI.create(exchange).getRawPath() + "?" + URI.create(exchange).getRawQuery();
    HttpResponse<Buffer> exchanged = authz(host, forwardedUri, null, null);
    assertThat(exchanged.statusCode()).isEqualTo(302);
    assertThat(exchanged.getHeader("Location")).isEqualTo("/deep");
    String cookie = "ds_ws=" + Platform.cookies(exchanged).get("ds_ws");
    assertThat(authz(host, "/deep", cookie, null).getHeader("X-DevSanctum-Username")).isEqualTo("ada");
    assertThat(authz(host, forwardedUri, null, null).statusCode()).isEqualTo(403);
  }

  @Test
  void aWorkspaceSessionEndsWithTheSignInItCameFromAndWithSuspensionAndFollowsTheUsersRole() throws Exception {
    Upstream upstream = Upstream.start(vertx, 0);
    try {
      String adminToken = admin.getString("accessToken");
      String host = register(UUID.randomUUID(), ada, "guarded", "owner", upstream.port());
      String sharedHost = register(UUID.randomUUID(), ada, "shared", "authenticated", upstream.port());
      // sign-out: only the workspace sessions handed over from that sign-in end
      JsonObject laptop = platform.signIn("ada", "ada password");
      JsonObject desktop = platform.signIn("ada", "ada password");
      String fromLaptop = workspaceCookie(host, laptop);
      String fromDesktop = workspaceCookie(host, desktop);
      assertThat(visit(host, "/", fromLaptop, null).statusCode()).isEqualTo(200);

      platform.post("/api/v1/auth/sign-out", null, new JsonObject().put("refreshToken", laptop.getString("refreshToken")));

      HttpResponse<Buffer> afterSignOut = visit(host, "/", fromLaptop, null);
      assertThat(afterSignOut.statusCode()).isEqualTo(302);
      assertThat(afterSignOut.getHeader("Location")).startsWith(dashboard() + "/api/v1/workspace-access/handoff?");
      assertThat(visit(host, "/", fromDesktop, null).statusCode()).isEqualTo(200);

      // an API token cannot be turned into a workspace cookie (it has no sign-in to end with); it
      // opens the workspace host as Bearer instead
      String apiToken = platform.post("/api/v1/api-tokens", desktop.getString("accessToken"),
          new JsonObject().put("name", "script")).bodyAsJsonObject().getString("token");
      HttpResponse<Buffer> tokenHandoff = dashboardGet(dashboard() + "/api/v1/workspace-access/handoff?host=" + host
          + "&path=%2F", null, apiToken);
      assertThat(tokenHandoff.statusCode()).isEqualTo(403);
      assertThat(visit(host, "/", null, apiToken).statusCode()).isEqualTo(200);

      // suspension ends every workspace session of the user
      JsonObject dora = platform.member(adminToken, "dora", "dora password");
      String dorasCookie = workspaceCookie(sharedHost, dora);
      assertThat(visit(sharedHost, "/", dorasCookie, null).statusCode()).isEqualTo(200);
      platform.post("/api/v1/users/" + userId(dora) + "/suspend", adminToken, null);
      assertThat(visit(sharedHost, "/", dorasCookie, null).statusCode()).isEqualTo(302);

      // an owner opens anyone's workspace; demoted, the same cookie no longer does
      platform.post("/api/v1/users", adminToken, new JsonObject().put("email", "eve@example.com").put("username", "eve")
          .put("password", "eve password").put("role", "owner"));
      JsonObject eve = platform.signIn("eve", "eve password");
      String evesCookie = workspaceCookie(host, eve);
      assertThat(visit(host, "/", evesCookie, null).statusCode()).isEqualTo(200);
      platform.send(HttpMethod.PUT, "/api/v1/users/" + userId(eve) + "/role", adminToken, new JsonObject().put("role", "member"));
      assertThat(visit(host, "/", evesCookie, null).statusCode()).isEqualTo(404);
    } finally {
      upstream.close();
    }
  }

  @Test
  void anOpenWebSocketIsClosedWhenTheSignInBehindItEndsWhileOneOfAnotherSignInStaysOpen() throws Exception {
    Upstream upstream = Upstream.start(vertx, 0);
    WebSocketClient client = vertx.createWebSocketClient();
    try {
      String host = register(UUID.randomUUID(), ada, "editor", "owner", upstream.port());
      JsonObject laptop = platform.signIn("ada", "ada password");
      JsonObject desktop = platform.signIn("ada", "ada password");
      WebSocket fromLaptop = openThroughProxy(client, host, workspaceCookie(host, laptop));
      WebSocket fromDesktop = openThroughProxy(client, host, workspaceCookie(host, desktop));
      CompletableFuture<Void> laptopClosed = new CompletableFuture<>();
      fromLaptop.closeHandler(v -> laptopClosed.complete(null));

      platform.post("/api/v1/auth/sign-out", null, new JsonObject().put("refreshToken", laptop.getString("refreshToken")));

      laptopClosed.get(5, TimeUnit.SECONDS);
      BlockingQueue<String> received = new LinkedBlockingQueue<>();
      fromDesktop.textMessageHandler(received::add);
      fromDesktop.writeTextMessage("still here?").await();
      assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("echo: still here?");
      fromDesktop.close().await();
      awaitOpenWebSockets(0); // both are counted as closed again
    } finally {
      client.close().await();
      upstream.close();
    }
  }

  @Test
  void anUpstreamThatAcceptsButNeverAnswersGetsTheTooSlowPageWhileAWebSocketMayIdleLonger() throws Exception {
    Upstream upstream = Upstream.start(vertx, 0);
    WebSocketClient client = vertx.createWebSocketClient();
    try {
      String host = register(UUID.randomUUID(), ada, "sluggish", "public", upstream.port());

      HttpResponse<Buffer> hung = visit(host, "/hang", null, null);
      WebSocket socket = openThroughProxy(client, host, null);
      BlockingQueue<String> received = new LinkedBlockingQueue<>();
      socket.textMessageHandler(received::add);
      Thread.sleep(3_000); // idle for longer than the response timeout
      socket.writeTextMessage("after a pause").await();

      assertThat(hung.statusCode()).isEqualTo(504);
      assertThat(hung.bodyAsString()).contains("did not answer in time", "within 2 s");
      assertThat(Stream.generate(() -> poll(upstream.requests())).limit(10).filter(Objects::nonNull)
          .anyMatch(seen -> "/hang".equals(seen.getString("cutOff")))).as("the upstream request was aborted").isTrue();
      assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("echo: after a pause");
      assertThat(visit(host, "/", null, null).statusCode()).as("the next request is served again").isEqualTo(200);
    } finally {
      client.close().await();
      upstream.close();
    }
  }

  private static JsonObject poll(BlockingQueue<JsonObject> queue) {
    try {
      return queue.poll(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private void awaitOpenWebSockets(double expected) throws InterruptedException {
    Gauge open = platform.runtime().meterRegistry().get("devsanctum.proxy.websockets").gauge();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (open.value() != expected && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(open.value()).as("open WebSockets").isEqualTo(expected);
  }

  /** A WebSocket through the built-in proxy (with a workspace cookie unless null), once the upstream has greeted it. */
  private WebSocket openThroughProxy(WebSocketClient client, String host, String cookie) throws Exception {
    BlockingQueue<String> greeting = new LinkedBlockingQueue<>();
    WebSocketConnectOptions options = new WebSocketConnectOptions()
        .setHost("127.0.0.1").setPort(platform.port()).setURI("/socket")
        .addHeader("Host", host + ":" + platform.port());
    if (cookie != null) {
      options.addHeader("Cookie", cookie);
    }
    WebSocket socket = client.connect(options)
        .onSuccess(connected -> connected.textMessageHandler(greeting::add))
        .await();
    assertThat(greeting.poll(5, TimeUnit.SECONDS)).isEqualTo("hello from upstream");
    return socket;
  }

  /** How fast this happens is measured by bench/route-change-latency.sh, not here. */
  @Test
  void aNewRouteIsServedByTheProxyOnceRegistered() throws Exception {
    Upstream upstream = Upstream.start(vertx, 0);
    try {
      String host = register(UUID.randomUUID(), ada, "fresh", "public", upstream.port());

      assertThat(pollUntil(host, null, 200).bodyAsString()).isEqualTo("upstream saw /");
    } finally {
      upstream.close();
    }
  }

  // --- helpers -----------------------------------------------------------------------------------

  private String dashboard() {
    return "http://localhost:" + platform.port();
  }

  private static String userId(JsonObject session) {
    return session.getJsonObject("user").getString("id");
  }

  @Test
  void anAppsOwnRequestsWithoutSignInGetASignInPageInsteadOfARedirectTheyCannotFollow() {
    String host = register(UUID.randomUUID(), ada, "fetches", "owner", 1);

    HttpResponse<Buffer> fetch = http.request(HttpMethod.GET, platform.port(), "127.0.0.1", "/api/data").virtualHost(host)
        .putHeader("Sec-Fetch-Mode", "cors").send().await();
    HttpResponse<Buffer> navigation = visit(host, "/", null, null);

    assertThat(fetch.statusCode()).isEqualTo(401);
    assertThat(fetch.getHeader("Content-Type")).startsWith("text/html");
    assertThat(fetch.bodyAsString()).contains("Sign-in needed").contains("/api/v1/workspace-access/handoff?host=" + host);
    assertThat(fetch.getHeader("Content-Security-Policy")).contains("frame-ancestors 'none'");
    assertThat(navigation.statusCode()).isEqualTo(302);
  }

  /** Registers a route as the orchestrator does; the workspace's default host. */
  private String register(UUID workspace, JsonObject owner, String name, String sharing, int port) {
    return TestRoutes.register(vertx, workspace, owner, name, sharing, port);
  }

  /** A browser navigating to the workspace host (what an anonymous visitor is redirected to sign in from). */
  private HttpResponse<Buffer> visit(String host, String pathAndQuery, String cookie, String bearer) {
    HttpRequest<Buffer> request = http.request(HttpMethod.GET, platform.port(), "127.0.0.1", pathAndQuery).virtualHost(host)
        .putHeader("Sec-Fetch-Mode", "navigate").putHeader("Accept", "text/html");
    if (cookie != null) {
      request.putHeader("Cookie", cookie);
    }
    if (bearer != null) {
      request.bearerTokenAuthentication(bearer);
    }
    return request.send().await();
  }

  private HttpResponse<Buffer> dashboardGet(String url, String cookie) {
    return dashboardGet(url, cookie, null);
  }

  /** A dashboard URL ({@code http://localhost:<port>/…}), sent to 127.0.0.1 with that Host. */
  private HttpResponse<Buffer> dashboardGet(String url, String cookie, String bearer) {
    URI uri = URI.create(url);
    return visit(uri.getHost(), uri.getRawPath() + "?" + uri.getRawQuery(), cookie, bearer);
  }

  /** What a browser ends up with after the handoff: the {@code ds_ws=…} cookie pair for the host. */
  private String workspaceCookie(String host, JsonObject session) {
    String exchange = dashboardGet(dashboard() + "/api/v1/workspace-access/handoff?host=" + host + "&path=%2F",
        null, session.getString("accessToken")).getHeader("Location");
    URI uri = URI.create(exchange);
    HttpResponse<Buffer> exchanged = visit(host, uri.getRawPath() + "?" + uri.getRawQuery(), null, null);
    assertThat(exchanged.statusCode()).as("token exchange").isEqualTo(302);
    return "ds_ws=" + Platform.cookies(exchanged).get("ds_ws");
  }

  private HttpResponse<Buffer> authz(String host, String uri, String cookie, String bearer) {
    HttpRequest<Buffer> request = platform.request(HttpMethod.GET, "/internal/authz", bearer)
        .putHeader("X-Forwarded-Host", host).putHeader("X-Forwarded-Uri", uri).putHeader("X-Forwarded-Proto", "http")
        .putHeader("Sec-Fetch-Mode", "navigate"); // Traefik forwards the browser's own headers
    if (cookie != null) {
      request.putHeader("Cookie", cookie);
    }
    return request.send().await();
  }

  private HttpResponse<Buffer> pollUntil(String host, String cookie, int status) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    HttpResponse<Buffer> response;
    do {
      response = visit(host, "/", cookie, null);
      if (response.statusCode() == status) {
        return response;
      }
      Thread.sleep(1);
    } while (System.nanoTime() < deadline);
    throw new AssertionError(host + " still answers " + response.statusCode() + ", not " + status);
  }

  private void awaitHealth(String host, boolean healthy) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (routing.resolve(Caller.service("test"), host).await().healthy() != healthy
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(routing.resolve(Caller.service("test"), host).await().healthy()).isEqualTo(healthy);
  }

  private void awaitUpstream(int port) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      try {
        if (http.get(port, "127.0.0.1", "/healthz").send().await().statusCode() == 200) {
          return;
        }
      } catch (RuntimeException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the workspace container did not answer on port " + port);
  }
}
