package io.devsanctum.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.devsanctum.auth.AuthVerticle;
import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.bus.TypedBus;
import io.devsanctum.common.config.ClusterConfig;
import io.devsanctum.common.config.DevSanctumConfig;
import io.devsanctum.common.config.Env;
import io.devsanctum.common.contract.SharingLevel;
import io.devsanctum.common.contract.routing.AppRoute;
import io.devsanctum.common.contract.routing.RouteRegistration;
import io.devsanctum.common.contract.routing.RoutingContract;
import io.devsanctum.common.runtime.VertxFactory;
import io.devsanctum.common.runtime.VertxRuntime;
import io.devsanctum.common.testkit.TestDatabase;
import io.devsanctum.gateway.GatewayVerticle;
import io.devsanctum.provisioner.ProvisionerVerticle;
import io.devsanctum.routing.RoutingVerticle;
import io.devsanctum.standalone.api.Docker;
import io.devsanctum.workspace.WorkspaceVerticle;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Revocation on a cluster with two gateways: the services on one Hazelcast member, a gateway on each
 * of two more. A user holds every kind of credential of one sign-in, taken through gateway A (an
 * access token, the workspace cookie of a workspace host) and uses them on both gateways: an open
 * event stream and a terminal on gateway B, a WebSocket through gateway A's proxy. Then the sign-in
 * ends, five ways (suspension, demotion, deletion, sign-out, a password change made elsewhere), and
 * within {@link #BOUND} every one of them is refused on both gateways and every open connection is
 * closed. The users are admins, so that a demotion takes away what the credentials reached (another
 * user's workspace). Each revocation's time is printed.
 */
@Timeout(300)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RevocationAcrossGatewaysTest {

  /** What "at once" means here: an announcement crosses the cluster in milliseconds; this leaves room for a busy CI. */
  private static final Duration BOUND = Duration.ofSeconds(5);
  private static final String PASSWORD = "correct horse battery";

  private final List<VertxRuntime> members = new ArrayList<>();
  private GatewayVerticle gatewayA;
  private GatewayVerticle gatewayB;
  private Vertx vertx;
  private WebClient http;
  private HttpClient streams;
  private WebSocketClient webSockets;
  private HttpServer upstream;
  private String dockerHostId;
  private String root;
  private String workspaceId;
  private String proxiedHost;

  @BeforeAll
  void startCluster() {
    Docker.buildMinimalImage();
    int basePort = 20000 + ThreadLocalRandom.current().nextInt(20000);
    ClusterConfig cluster = new ClusterConfig("devsanctum-revocation-" + UUID.randomUUID(), "127.0.0.1", basePort,
        List.of("127.0.0.1"));
    dockerHostId = "test-" + UUID.randomUUID().toString().substring(0, 8);
    DevSanctumConfig config = DevSanctumConfig.from(new Env(Map.of("DEVSANCTUM_HTTP_PORT", "0",
            "DEVSANCTUM_HTTP_HOST", "127.0.0.1", "DEVSANCTUM_MANAGEMENT_PORT", "-1", "DEVSANCTUM_SSH_PORT", "0",
            "DEVSANCTUM_SEED_TEMPLATES", "false",
            "DEVSANCTUM_DOCKER_HOSTS", dockerHostId + "=unix:///var/run/docker.sock")))
        .withDatabase(TestDatabase.freshDatabase())
        .withCluster(cluster);
    VertxRuntime services = member(cluster);
    services.vertx().deployVerticle(new AuthVerticle(config, services.meterRegistry())).await();
    services.vertx().deployVerticle(new WorkspaceVerticle(config, services.meterRegistry())).await();
    services.vertx().deployVerticle(new ProvisionerVerticle(config, services.meterRegistry())).await();
    services.vertx().deployVerticle(new RoutingVerticle(config, services.meterRegistry())).await();
    VertxRuntime a = member(cluster);
    gatewayA = new GatewayVerticle(config, a.meterRegistry());
    a.vertx().deployVerticle(gatewayA).await();
    VertxRuntime b = member(cluster);
    gatewayB = new GatewayVerticle(config, b.meterRegistry());
    b.vertx().deployVerticle(gatewayB).await();

    vertx = a.vertx();
    http = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false));
    streams = vertx.createHttpClient();
    webSockets = vertx.createWebSocketClient();
    post(gatewayA, "/api/v1/setup/first-admin", null, new JsonObject().put("email", "root@example.com")
        .put("username", "root").put("password", PASSWORD));
    root = signIn("root").getString("accessToken");

    // a workspace of root's, whose terminal the other admins open
    String template = post(gatewayA, "/api/v1/templates", root, new JsonObject().put("name", "minimal")
        .put("spec", new JsonObject().put("image", "devsanctum/workspace-minimal:latest")
            .put("apps", new JsonArray().add(new JsonObject().put("name", "web").put("port", 8080)
                .put("default", true).put("healthPath", "/healthz")))
            .put("memoryMb", 64).put("cpuMillis", 250))).bodyAsJsonObject().getString("id");
    workspaceId = post(gatewayA, "/api/v1/workspaces", root,
        new JsonObject().put("templateId", template).put("name", "shared-shell")).bodyAsJsonObject().getString("id");
    await().atMost(Duration.ofSeconds(90)).until(() -> "RUNNING".equals(
        get(gatewayA, "/api/v1/workspaces/" + workspaceId, root).bodyAsJsonObject().getString("state")));

    // and a host of root's with a WebSocket app behind it (a server here), only root and admins may open
    upstream = vertx.createHttpServer()
        .webSocketHandler(socket -> socket.textMessageHandler(text -> socket.writeTextMessage("echo: " + text)))
        .requestHandler(request -> request.response().end("app"))
        .listen(0, "127.0.0.1").await();
    proxiedHost = TypedBus.client(vertx, RoutingContract.class).register(Caller.service("workspace"),
        new RouteRegistration(UUID.randomUUID(), UUID.fromString(userId(root)), "root", "sockets", dockerHostId,
            SharingLevel.OWNER, List.of(new AppRoute("main", 8080, "http://127.0.0.1:" + upstream.actualPort(), true, null))))
        .await().host();
    await().atMost(Duration.ofSeconds(5)).until(() -> visit(gatewayA, root, null).statusCode() == 200
        && visit(gatewayB, root, null).statusCode() == 200);
  }

  @AfterAll
  void leaveCluster() {
    for (VertxRuntime member : members) {
      member.vertx().close().await();
    }
    String label = "label=devsanctum.host_id=" + dockerHostId;
    Docker.lines(Docker.docker("ps", "-aq", "--filter", label)).forEach(id -> Docker.docker("rm", "-f", id));
    Docker.lines(Docker.docker("volume", "ls", "-q", "--filter", label)).forEach(id -> Docker.docker("volume", "rm", id));
    Docker.lines(Docker.docker("network", "ls", "-q", "--filter", label)).forEach(id -> Docker.docker("network", "rm", id));
  }

  @Test
  void suspensionEndsEveryCredentialOnBothGateways() {
    revoked("suspend", (user, held) -> post(gatewayA, "/api/v1/users/" + user + "/suspend", root, null));
  }

  @Test
  void demotionTakesAwayWhatTheRoleReachedOnBothGateways() {
    revoked("demote", (user, held) -> put(gatewayA, "/api/v1/users/" + user + "/role", root,
        new JsonObject().put("role", "member")));
  }

  @Test
  void deletionEndsEveryCredentialOnBothGateways() {
    revoked("delete", (user, held) -> send(gatewayA, HttpMethod.DELETE, "/api/v1/users/" + user, root, null));
  }

  @Test
  void signingOutEndsEveryCredentialOfThatSignInOnBothGateways() {
    revoked("sign-out", (user, held) -> post(gatewayA, "/api/v1/auth/sign-out", null,
        new JsonObject().put("refreshToken", held.session().getString("refreshToken"))));
  }

  @Test
  void aPasswordChangeMadeElsewhereEndsEveryCredentialOfThisSignInOnBothGateways() {
    revoked("password change", (user, held) -> {
      String elsewhere = signIn(held.username()).getString("accessToken");
      HttpResponse<Buffer> changed = post(gatewayB, "/api/v1/users/me/password", elsewhere, new JsonObject()
          .put("currentPassword", PASSWORD).put("newPassword", "another horse battery"));
      assertThat(changed.statusCode()).as(changed.bodyAsString()).isEqualTo(200);
    });
  }

  /** What one sign-in holds: its tokens, its workspace cookie, and three open connections. */
  private record Held(String username, JsonObject session, String workspaceCookie, AtomicBoolean streamOpen,
      AtomicBoolean terminalOpen, AtomicBoolean proxiedOpen) {

    String token() {
      return session.getString("accessToken");
    }
  }

  private void revoked(String how, BiConsumer<String, Held> revoke) {
    String username = "admin-" + how.replace(' ', '-');
    String user = post(gatewayA, "/api/v1/users", root, new JsonObject().put("email", username + "@example.com")
        .put("username", username).put("password", PASSWORD).put("role", "owner")).bodyAsJsonObject().getString("id");
    Held held = hold(username);
    assertThat(get(gatewayA, "/api/v1/users", held.token()).statusCode()).isEqualTo(200);
    assertThat(get(gatewayB, "/api/v1/users", held.token()).statusCode()).isEqualTo(200);
    assertThat(visit(gatewayB, held.token(), null).statusCode()).isEqualTo(200);
    assertThat(visit(gatewayB, null, held.workspaceCookie()).statusCode()).isEqualTo(200);

    long started = System.nanoTime();
    revoke.accept(user, held);
    await().atMost(BOUND).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
      for (GatewayVerticle gateway : List.of(gatewayA, gatewayB)) {
        assertThat(get(gateway, "/api/v1/users", held.token()).statusCode()).as("the API").isIn(401, 403);
        assertThat(visit(gateway, held.token(), null).statusCode()).as("the proxy, Bearer").isNotEqualTo(200);
        assertThat(visit(gateway, null, held.workspaceCookie()).statusCode()).as("the proxy, cookie").isNotEqualTo(200);
      }
      assertThat(held.streamOpen()).as("the event stream").isFalse();
      assertThat(held.terminalOpen()).as("the terminal").isFalse();
      assertThat(held.proxiedOpen()).as("the proxied WebSocket").isFalse();
    });
    System.out.printf("revocation by %s: every credential refused and every connection closed on both gateways"
        + " within %d ms%n", how, (System.nanoTime() - started) / 1_000_000);
    WebSocket terminal = webSockets.connect(terminalOptions(held.token())).await();
    await().atMost(BOUND).until(terminal::isClosed); // a new terminal is refused too
    assertThat(terminal.closeStatusCode()).isIn((short) 4401, (short) 4404);
  }

  private Held hold(String username) {
    JsonObject session = signIn(username);
    String token = session.getString("accessToken");
    AtomicBoolean streamOpen = new AtomicBoolean();
    HttpClientResponse stream = streams.request(new RequestOptions().setMethod(HttpMethod.GET)
            .setHost("127.0.0.1").setPort(gatewayB.actualPort()).setURI("/api/v1/workspaces/events")
            .putHeader("Authorization", "Bearer " + token))
        .compose(request -> request.exceptionHandler(closed -> streamOpen.set(false)).send()).await();
    assertThat(stream.statusCode()).isEqualTo(200);
    streamOpen.set(true);
    stream.endHandler(v -> streamOpen.set(false));
    stream.exceptionHandler(e -> streamOpen.set(false));

    AtomicBoolean terminalOpen = new AtomicBoolean(true);
    webSockets.connect(terminalOptions(token)).await().closeHandler(v -> terminalOpen.set(false));

    String cookie = workspaceCookie(token);
    AtomicBoolean proxiedOpen = new AtomicBoolean(true);
    WebSocket proxied = webSockets.connect(new WebSocketConnectOptions().setHost("127.0.0.1")
        .setPort(gatewayA.actualPort()).setURI("/socket")
        .addHeader("Host", proxiedHost + ":" + gatewayA.actualPort()).addHeader("Cookie", cookie)).await();
    proxied.closeHandler(v -> proxiedOpen.set(false));
    proxied.writeTextMessage("ping").await();
    return new Held(username, session, cookie, streamOpen, terminalOpen, proxiedOpen);
  }

  private WebSocketConnectOptions terminalOptions(String token) {
    return new WebSocketConnectOptions().setHost("127.0.0.1").setPort(gatewayB.actualPort())
        .setURI("/api/v1/workspaces/" + workspaceId + "/terminal").addHeader("Authorization", "Bearer " + token);
  }

  /** The {@code ds_ws} cookie of the proxied host, handed over through gateway A. */
  private String workspaceCookie(String token) {
    HttpResponse<Buffer> handoff = get(gatewayA, "/api/v1/workspace-access/handoff?host=" + proxiedHost + "&path=%2F",
        token);
    assertThat(handoff.statusCode()).as(handoff.bodyAsString()).isEqualTo(302);
    URI exchange = URI.create(handoff.getHeader("Location"));
    HttpResponse<Buffer> exchanged = http.request(HttpMethod.GET, gatewayA.actualPort(), "127.0.0.1",
            exchange.getRawPath() + "?" + exchange.getRawQuery())
        .putHeader("Host", proxiedHost + ":" + gatewayA.actualPort()).send().await();
    String setCookie = exchanged.cookies().stream().filter(c -> c.startsWith("ds_ws=")).findFirst().orElseThrow();
    return setCookie.split(";", 2)[0];
  }

  private HttpResponse<Buffer> visit(GatewayVerticle gateway, String token, String cookie) {
    HttpRequest<Buffer> request = http.request(HttpMethod.GET, gateway.actualPort(), "127.0.0.1", "/")
        .putHeader("Host", proxiedHost + ":" + gateway.actualPort()).putHeader("Sec-Fetch-Mode", "navigate");
    if (token != null) {
      request.bearerTokenAuthentication(token);
    }
    if (cookie != null) {
      request.putHeader("Cookie", cookie);
    }
    return request.send().await();
  }

  private VertxRuntime member(ClusterConfig cluster) {
    VertxRuntime member = VertxFactory.clustered(cluster).await();
    members.add(member);
    return member;
  }

  private JsonObject signIn(String username) {
    HttpResponse<Buffer> signedIn = post(gatewayA, "/api/v1/auth/sign-in", null,
        new JsonObject().put("login", username).put("password", PASSWORD));
    assertThat(signedIn.statusCode()).as(signedIn.bodyAsString()).isEqualTo(200);
    return signedIn.bodyAsJsonObject();
  }

  private static String userId(String token) {
    String payload = token.split("\\.")[1];
    return new JsonObject(new String(java.util.Base64.getUrlDecoder().decode(payload),
        java.nio.charset.StandardCharsets.UTF_8)).getString("sub");
  }

  private HttpResponse<Buffer> get(GatewayVerticle gateway, String path, String token) {
    return send(gateway, HttpMethod.GET, path, token, null);
  }

  private HttpResponse<Buffer> post(GatewayVerticle gateway, String path, String token, JsonObject body) {
    return send(gateway, HttpMethod.POST, path, token, body);
  }

  private HttpResponse<Buffer> put(GatewayVerticle gateway, String path, String token, JsonObject body) {
    return send(gateway, HttpMethod.PUT, path, token, body);
  }

  private HttpResponse<Buffer> send(GatewayVerticle gateway, HttpMethod method, String path, String token,
      JsonObject body) {
    HttpRequest<Buffer> request = http.request(method, gateway.actualPort(), "127.0.0.1", path);
    if (token != null) {
      request.bearerTokenAuthentication(token);
    }
    return (body == null ? request.send() : request.sendJsonObject(body)).await();
  }
}
