package io.devsanctum.standalone.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.bus.TypedBus;
import io.devsanctum.common.contract.SharingLevel;
import io.devsanctum.common.contract.routing.AppRoute;
import io.devsanctum.common.contract.routing.RouteRegistration;
import io.devsanctum.common.contract.routing.RoutingContract;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Caddy as the data plane, for real: a Caddy process started here (Debian's package) that
 * routing-service drives through its admin API, and every workspace request of these tests sent
 * to Caddy's port, never to the gateway's. Caddy asks the gateway's {@code /internal/authz} on each
 * request and proxies the allowed ones to the workspace.
 */
@Timeout(240)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaddyDataPlaneTest {

  private static final String BASE_DOMAIN = "localhost";

  private CaddyProcess caddy;
  private Platform platform;
  private Vertx vertx;
  private WebClient http;
  private String adminToken;
  private JsonObject ada;
  private JsonObject ben;

  @BeforeAll
  void start() throws Exception {
    Docker.buildMinimalImage();
    int gatewayPort = CaddyProcess.freePort();
    caddy = CaddyProcess.configure(BASE_DOMAIN, gatewayPort).start();
    platform = Platform.start(Map.of(
        "DEVSANCTUM_HTTP_PORT", Integer.toString(gatewayPort),
        "DEVSANCTUM_BASE_DOMAIN", BASE_DOMAIN,
        // users reach everything through Caddy, which the gateway believes about the client and scheme
        "DEVSANCTUM_PUBLIC_URL", "http://" + BASE_DOMAIN + ":" + caddy.httpPort(),
        "DEVSANCTUM_TRUSTED_PROXIES", "127.0.0.1",
        "DEVSANCTUM_PROXY_PROVIDER", "caddy",
        "DEVSANCTUM_CADDY_ADMIN_URL", caddy.adminUrl(),
        "DEVSANCTUM_CADDY_AUTHZ_URL", "http://127.0.0.1:" + gatewayPort + "/internal/authz",
        "DEVSANCTUM_CADDY_RECONCILE_INTERVAL_SECONDS", "1"));
    vertx = platform.runtime().vertx();
    http = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false));
    adminToken = platform.firstAdmin("root", "root password").getString("accessToken");
    ada = platform.member(adminToken, "ada", "ada password");
    ben = platform.member(adminToken, "ben", "ben password");
  }

  @AfterAll
  void stop() throws Exception {
    try {
      if (platform != null) {
        platform.close();
      }
    } finally {
      if (caddy != null) {
        caddy.close();
      }
    }
  }

  @Test
  void theOwnerAloneOpensARunningWorkspaceThroughCaddyAndItsRouteLeavesCaddyWhenItStops() throws Exception {
    String template = platform.post("/api/v1/templates", adminToken, new JsonObject().put("name", "minimal")
        .put("spec", new JsonObject().put("image", "devsanctum/workspace-minimal:latest")
            .put("apps", new JsonArray().add(new JsonObject().put("name", "web").put("port", 8080).put("default", true)
                .put("healthPath", "/healthz")))
            .put("cpuMillis", 250).put("memoryMb", 64).put("pidsLimit", 64).put("startupTimeoutSeconds", 30)))
        .bodyAsJsonObject().getString("id");
    String token = ada.getString("accessToken");
    String id = platform.post("/api/v1/workspaces", token, new JsonObject().put("templateId", template)
        .put("name", "site")).bodyAsJsonObject().getString("id");
    JsonObject running = awaitState(token, id, "RUNNING");
    String host = URI.create(running.getString("url")).getHost();
    assertThat(running.getString("url")).isEqualTo("http://" + host + ":" + caddy.httpPort() + "/");
    assertThat(awaitRoute(host, true)).as("the route is in Caddy, addressed by its id").isEqualTo(200);

    // anonymous: Caddy answers what the gateway's check answered, the way to sign in
    HttpResponse<Buffer> anonymous = visit(host, "/index.html", null, null);
    assertThat(anonymous.statusCode()).isEqualTo(302);
    assertThat(anonymous.getHeader("Location")).isEqualTo(dashboard() + "/api/v1/workspace-access/handoff?host="
        + host + "&path=%2Findex.html");
    // another user learns nothing
    HttpResponse<Buffer> bens = visit(host, "/index.html", null, ben.getString("accessToken"));
    assertThat(bens.statusCode()).isEqualTo(404);
    assertThat(bens.bodyAsString()).doesNotContain("DevSanctum workspace site");
    // the owner, handed over by the dashboard (through Caddy too), gets the workspace's own page
    String cookie = workspaceCookie(host, ada);
    HttpResponse<Buffer> page = visit(host, "/index.html", cookie, null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.bodyAsString()).contains("DevSanctum workspace site").contains("Owner: ada");
    assertThat(page.getHeader("Server")).as("served through Caddy").contains("Caddy");
    System.out.println("Caddy's route for " + host + ": " + caddy.route("devsanctum-route-" + host).encode());

    assertThat(platform.post("/api/v1/workspaces/" + id + "/stop", token, null).statusCode()).isEqualTo(202);
    awaitState(token, id, "STOPPED");
    assertThat(awaitRoute(host, false)).as("the route is gone from Caddy").isEqualTo(404);
    HttpResponse<Buffer> stopped = visit(host, "/index.html", cookie, null);
    assertThat(stopped.statusCode()).as("the gateway's page for a stopped workspace, by Caddy's own catch-all")
        .isEqualTo(503);
    assertThat(stopped.bodyAsString()).contains("is stopped");
    assertThat(caddy.routes().stream().map(route -> ((JsonObject) route).getString("@id")))
        .as("the operator's own routes are kept").containsExactly("dashboard", "other-workspace-hosts");
  }

  @Test
  void requestsAndWebSocketsReachTheAppThroughCaddyWithTheUsersHeadersAndWithoutOurCredentials() throws Exception {
    Upstream upstream = Upstream.start(vertx, 0);
    WebSocketClient client = vertx.createWebSocketClient();
    try {
      String host = register(UUID.randomUUID(), ada, "echo", upstream.port());
      awaitRoute(host, true);
      String cookies = workspaceCookie(host, ada) + "; app=kept";

      HttpResponse<Buffer> response = request(host, "/hello?q=1", cookies, ada.getString("accessToken"))
          .putHeader("X-DevSanctum-User-Role", "admin").send().await();
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.bodyAsString()).isEqualTo("upstream saw /hello?q=1");
      JsonObject seen = upstream.requests().poll(5, TimeUnit.SECONDS);
      assertThat(seen.getString("cookie")).isEqualTo("app=kept");
      assertThat(seen.getString("authorization")).isNull();
      assertThat(seen.getString("x-devsanctum-user-id")).isEqualTo(userId(ada));
      assertThat(seen.getString("x-devsanctum-username")).isEqualTo("ada");
      assertThat(seen.getString("x-devsanctum-user-role")).as("what the gateway said, not the visitor").isEqualTo("member");
      assertThat(seen.getString("x-forwarded-host")).isEqualTo(host + ":" + caddy.httpPort());

      BlockingQueue<String> received = new LinkedBlockingQueue<>();
      WebSocket socket = client.connect(socketTo(host).addHeader("Cookie", cookies))
          .onSuccess(connected -> connected.textMessageHandler(received::add))
          .await();
      assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("hello from upstream");
      socket.writeTextMessage("ping").await();
      assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("echo: ping");
      JsonObject upgrade = upstream.requests().poll(5, TimeUnit.SECONDS);
      assertThat(upgrade.getString("path")).isEqualTo("/socket");
      assertThat(upgrade.getString("cookie")).isEqualTo("app=kept");
      assertThat(upgrade.getString("x-devsanctum-user-id")).isEqualTo(userId(ada));
      socket.close().await();

      assertThatThrownBy(() -> client.connect(socketTo(host)).await())
          .as("an anonymous upgrade is refused before it reaches the app")
          .isInstanceOfSatisfying(UpgradeRejectedException.class, refused -> assertThat(refused.getStatus()).isEqualTo(401));
      assertThatThrownBy(() -> client.connect(socketTo(host)
              .addHeader("Authorization", "Bearer " + ben.getString("accessToken"))).await())
          .isInstanceOfSatisfying(UpgradeRejectedException.class, refused -> assertThat(refused.getStatus()).isEqualTo(404));
      assertThat(upstream.requests()).isEmpty();
    } finally {
      client.close().await();
      upstream.close();
    }
  }

  @Test
  void aRestartedCaddyAndARouteRemovedByHandGetTheirRoutesBackFromTheReconciler() throws Exception {
    Upstream upstream = Upstream.start(vertx, 0);
    try {
      String host = register(UUID.randomUUID(), ben, "kept", upstream.port());
      awaitRoute(host, true);
      String cookie = workspaceCookie(host, ben);
      assertThat(visit(host, "/", cookie, null).statusCode()).isEqualTo(200);

      caddy.stop();
      long restartedAt = System.nanoTime();
      caddy.start();
      assertThat(caddy.adminStatus("/id/devsanctum-route-" + host)).as("a fresh Caddy has only its own file").isEqualTo(404);
      awaitRoute(host, true);
      long restoredMs = (System.nanoTime() - restartedAt) / 1_000_000;
      assertThat(visit(host, "/", cookie, null).bodyAsString()).isEqualTo("upstream saw /");

      assertThat(caddy.delete("devsanctum-route-" + host)).isEqualTo(200);
      long removedAt = System.nanoTime();
      awaitRoute(host, true);
      long repairedMs = (System.nanoTime() - removedAt) / 1_000_000;
      assertThat(visit(host, "/", cookie, null).statusCode()).isEqualTo(200);
      System.out.printf("Caddy: restarted with its own file only, routes back after %d ms; a route removed by hand"
          + " back after %d ms (reconciler every 1 s)%n", restoredMs, repairedMs);
    } finally {
      upstream.close();
    }
  }

  // --- helpers -----------------------------------------------------------------------------------

  private String dashboard() {
    return "http://" + BASE_DOMAIN + ":" + caddy.httpPort();
  }

  private static String userId(JsonObject session) {
    return session.getJsonObject("user").getString("id");
  }

  /** Registers a route over the bus as the orchestrator does, for an app that is {@code port} on loopback. */
  private String register(UUID workspace, JsonObject owner, String name, int port) {
    return TypedBus.client(vertx, RoutingContract.class).register(Caller.service("workspace"), new RouteRegistration(
            workspace, UUID.fromString(userId(owner)), owner.getJsonObject("user").getString("username"), name, "local",
            SharingLevel.OWNER, List.of(new AppRoute("main", 8080, "http://127.0.0.1:" + port, true, null))))
        .await().host();
  }

  /** Waits until Caddy has (or no longer has) the host's route: the admin API's status for its id. */
  private int awaitRoute(String host, boolean present) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    int status;
    while ((status = caddy.adminStatus("/id/devsanctum-route-" + host)) != (present ? 200 : 404)
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    return status;
  }

  /** A request to Caddy's port for {@code host}. */
  private HttpRequest<Buffer> request(String host, String pathAndQuery, String cookie, String bearer) {
    HttpRequest<Buffer> request = http.request(HttpMethod.GET, caddy.httpPort(), "127.0.0.1", pathAndQuery)
        .virtualHost(host);
    if (cookie != null) {
      request.putHeader("Cookie", cookie);
    }
    if (bearer != null) {
      request.bearerTokenAuthentication(bearer);
    }
    return request;
  }

  /** A browser navigating to {@code host} through Caddy. */
  private HttpResponse<Buffer> visit(String host, String pathAndQuery, String cookie, String bearer) {
    return request(host, pathAndQuery, cookie, bearer).putHeader("Sec-Fetch-Mode", "navigate")
        .putHeader("Accept", "text/html").send().await();
  }

  private WebSocketConnectOptions socketTo(String host) {
    return new WebSocketConnectOptions().setHost("127.0.0.1").setPort(caddy.httpPort()).setURI("/socket")
        .addHeader("Host", host + ":" + caddy.httpPort());
  }

  /** The dashboard's handoff and the workspace's token exchange, both through Caddy: the {@code ds_ws=…} pair. */
  private String workspaceCookie(String host, JsonObject session) {
    HttpResponse<Buffer> handoff = visit(BASE_DOMAIN, "/api/v1/workspace-access/handoff?host=" + host + "&path=%2F",
        null, session.getString("accessToken"));
    assertThat(handoff.statusCode()).as("handoff: %s", handoff.bodyAsString()).isEqualTo(302);
    URI exchange = URI.create(handoff.getHeader("Location"));
    assertThat(exchange.getHost() + ":" + exchange.getPort()).isEqualTo(host + ":" + caddy.httpPort());
    HttpResponse<Buffer> exchanged = visit(host, exchange.getRawPath() + "?" + exchange.getRawQuery(), null, null);
    assertThat(exchanged.statusCode()).as("token exchange").isEqualTo(302);
    return "ds_ws=" + Platform.cookies(exchanged).get("ds_ws");
  }

  private JsonObject awaitState(String token, String id, String state) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    JsonObject workspace;
    do {
      workspace = platform.get("/api/v1/workspaces/" + id, token).bodyAsJsonObject();
      if (state.equals(workspace.getString("state"))) {
        return workspace;
      }
      Thread.sleep(100);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("workspace never reached " + state + ": " + workspace.encode());
  }
}
