package io.devsanctum.standalone.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * API tokens that name their scopes, against a real running workspace: a {@code workspaces:read}
 * token lists but does not start, a {@code workspaces:connect} token opens the workspace's app
 * through the proxy and its terminal but changes no setting; each refusal is a 403 naming the scope.
 */
class ScopedTokenHttpTest {

  private static Platform platform;
  private static WebClient http;
  private static WebSocketClient webSockets;
  private static String owner;
  private static String workspaceId;
  private static String host;

  @BeforeAll
  static void start() throws Exception {
    Docker.buildMinimalImage();
    platform = Platform.start();
    http = WebClient.create(platform.runtime().vertx());
    webSockets = platform.runtime().vertx().createWebSocketClient();
    owner = platform.firstAdmin("root", "correct horse battery").getString("accessToken");
    String template = platform.post("/api/v1/templates", owner, new JsonObject().put("name", "minimal")
        .put("spec", new JsonObject().put("image", "devsanctum/workspace-minimal:latest")
            .put("apps", new JsonArray().add(new JsonObject().put("name", "web").put("port", 8080)
                .put("default", true).put("healthPath", "/healthz")))
            .put("memoryMb", 64).put("cpuMillis", 250))).bodyAsJsonObject().getString("id");
    workspaceId = platform.post("/api/v1/workspaces", owner,
        new JsonObject().put("templateId", template).put("name", "scoped")).bodyAsJsonObject().getString("id");
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    JsonObject workspace;
    while (!"RUNNING".equals((workspace = platform.get("/api/v1/workspaces/" + workspaceId, owner).bodyAsJsonObject())
        .getString("state"))) {
      assertThat(System.nanoTime()).as("workspace running").isLessThan(deadline);
      Thread.sleep(250);
    }
    host = URI.create(workspace.getString("url")).getHost();
  }

  @AfterAll
  static void stop() {
    webSockets.close().await();
    platform.close();
  }

  private static String token(String name, String... scopes) {
    HttpResponse<Buffer> created = platform.post("/api/v1/api-tokens", owner,
        new JsonObject().put("name", name).put("scopes", new JsonArray(java.util.List.of((Object[]) scopes))));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return created.bodyAsJsonObject().getString("token");
  }

  @Test
  void aReadingTokenListsButDoesNotStartNorConnect() throws Exception {
    String reader = token("reader", "workspaces:read");

    HttpResponse<Buffer> listed = platform.get("/api/v1/workspaces", reader);
    assertThat(listed.statusCode()).isEqualTo(200);
    assertThat(listed.bodyAsJsonObject().getJsonArray("workspaces").encode()).contains(workspaceId);
    assertRefused(platform.post("/api/v1/workspaces/" + workspaceId + "/stop", reader, null), "workspaces:write");
    assertRefused(platform.post("/api/v1/workspaces/" + workspaceId + "/start", reader, null), "workspaces:write");
    assertRefused(platform.get("/api/v1/templates", reader), "templates:read");
    assertRefused(platform.get("/api/v1/api-tokens", reader), "all");

    assertThat(visit(reader).statusCode()).as("the workspace's app through the proxy").isEqualTo(403);
    assertThat(terminalCloseCode(reader)).isEqualTo((short) 4403);
    assertThat(platform.get("/api/v1/workspaces/" + workspaceId, owner).bodyAsJsonObject().getString("state"))
        .isEqualTo("RUNNING");
  }

  @Test
  void aConnectingTokenOpensTheAppAndTheTerminalButChangesNoSetting() throws Exception {
    String connector = token("connector", "workspaces:connect");

    HttpResponse<Buffer> app = visit(connector);
    assertThat(app.statusCode()).as("the workspace's app through the proxy: " + app.bodyAsString()).isEqualTo(200);
    assertThat(shellSays(connector, "echo scoped-$((6*7))")).contains("scoped-42");

    assertRefused(platform.send(HttpMethod.PUT, "/api/v1/workspaces/" + workspaceId + "/sharing", connector,
        new JsonObject().put("sharing", "public")), "workspaces:write");
    assertRefused(platform.get("/api/v1/workspaces/" + workspaceId, connector), "workspaces:read");
    assertThat(platform.get("/api/v1/workspaces/" + workspaceId, owner).bodyAsJsonObject().getString("sharing"))
        .isEqualTo("owner");
  }

  @Test
  void aTokenCannotHoldAScopeItsUsersRoleLacks() {
    String member = platform.member(owner, "mia", "member password 1").getString("accessToken");
    HttpResponse<Buffer> refused = platform.post("/api/v1/api-tokens", member,
        new JsonObject().put("name", "too-much").put("scopes", new JsonArray().add("users:write")));
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.bodyAsJsonObject().getString("detail")).isEqualTo("the role member may not hold the scope users:write");
    JsonObject me = platform.get("/api/v1/users/me", member).bodyAsJsonObject();
    assertThat(me.getJsonArray("grantableScopes").getList()).doesNotContain("users:write").contains("workspaces:connect");
    assertThat(me.getJsonArray("permissions").getList()).contains("own-workspace.write").doesNotContain("user.read");
  }

  private static void assertRefused(HttpResponse<Buffer> response, String scope) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(403);
    assertThat(response.bodyAsJsonObject().getString("detail")).isEqualTo("this API token lacks the scope " + scope);
  }

  private static HttpResponse<Buffer> visit(String token) {
    return http.request(HttpMethod.GET, platform.port(), "127.0.0.1", "/healthz").virtualHost(host)
        .bearerTokenAuthentication(token).send().await();
  }

  private static WebSocketConnectOptions terminal(String token) {
    return new WebSocketConnectOptions().setHost("127.0.0.1").setPort(platform.port())
        .setURI("/api/v1/workspaces/" + workspaceId + "/terminal").addHeader("Authorization", "Bearer " + token);
  }

  private static String shellSays(String token, String command) throws Exception {
    WebSocket socket = webSockets.connect(terminal(token)).toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
    StringBuilder output = new StringBuilder();
    CompletableFuture<String> answered = new CompletableFuture<>();
    socket.binaryMessageHandler(bytes -> {
      synchronized (output) {
        output.append(bytes.toString());
        if (output.toString().contains("scoped-42")) {
          answered.complete(output.toString());
        }
      }
    });
    socket.closeHandler(v -> answered.completeExceptionally(new AssertionError("closed: " + socket.closeStatusCode()
        + " " + socket.closeReason())));
    socket.writeBinaryMessage(Buffer.buffer(command + "\n"));
    String said = answered.get(15, TimeUnit.SECONDS);
    socket.close().await();
    return said;
  }

  private static short terminalCloseCode(String token) throws Exception {
    CompletableFuture<Short> closed = new CompletableFuture<>();
    webSockets.connect(terminal(token)).onSuccess(socket -> {
      socket.binaryMessageHandler(bytes -> closed.completeExceptionally(new AssertionError("got shell output")));
      socket.closeHandler(v -> closed.complete(socket.closeStatusCode()));
    }).onFailure(closed::completeExceptionally);
    return closed.get(10, TimeUnit.SECONDS);
  }
}
