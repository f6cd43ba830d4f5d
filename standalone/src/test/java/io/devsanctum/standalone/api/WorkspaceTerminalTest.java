package io.devsanctum.standalone.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The web terminal: a real shell in the real workspace container, through the gateway's WebSocket. */
class WorkspaceTerminalTest {

  private static Platform platform;
  private static WebSocketClient webSockets;
  private static String admin;
  private static String workspaceId;

  @BeforeAll
  static void start() throws Exception {
    Docker.buildMinimalImage();
    // a short HTTP idle timeout: an upgraded terminal must not be bound by it
    platform = Platform.start(Map.of("DEVSANCTUM_HTTP_IDLE_TIMEOUT_SECONDS", "1"));
    admin = platform.firstAdmin("root", "correct horse battery").getString("accessToken");
    String template = platform.post("/api/v1/templates", admin, new JsonObject().put("name", "minimal")
        .put("spec", new JsonObject().put("image", "devsanctum/workspace-minimal:latest")
            .put("apps", new JsonArray().add(new JsonObject().put("name", "web").put("port", 8080)
                .put("default", true).put("healthPath", "/healthz")))
            .put("memoryMb", 64).put("cpuMillis", 250))).bodyAsJsonObject().getString("id");
    workspaceId = platform.post("/api/v1/workspaces", admin,
        new JsonObject().put("templateId", template).put("name", "shell")).bodyAsJsonObject().getString("id");
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!"RUNNING".equals(platform.get("/api/v1/workspaces/" + workspaceId, admin).bodyAsJsonObject().getString("state"))) {
      assertThat(System.nanoTime()).as("workspace running").isLessThan(deadline);
      Thread.sleep(250);
    }
  }

  @AfterAll
  static void stop() {
    if (webSockets != null) {
      webSockets.close().await();
    }
    platform.close();
  }

  @Test
  void runningWorkspaceSaysWhereItOpens() {
    JsonObject workspace = platform.get("/api/v1/workspaces/" + workspaceId, admin).bodyAsJsonObject();

    assertThat(workspace.getString("url")).isEqualTo("http://shell--root.localhost:" + platform.port() + "/");
    assertThat(workspace.getJsonArray("apps").getJsonObject(0).getString("name")).isEqualTo("web");
  }

  @Test
  void ownerRunsACommandAndReadsItsOutput() throws Exception {
    WebSocket socket = connect(admin).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    StringBuilder output = new StringBuilder();
    CompletableFuture<String> answered = new CompletableFuture<>();
    socket.binaryMessageHandler(bytes -> {
      synchronized (output) {
        output.append(bytes.toString());
        if (output.toString().contains("hello-42")) {
          answered.complete(output.toString());
        }
      }
    });

    socket.writeTextMessage(new JsonObject().put("type", "resize").put("cols", 120).put("rows", 40).encode());
    socket.writeBinaryMessage(Buffer.buffer("echo hello-$((6*7)); id -u\n"));

    assertThat(answered.get(15, TimeUnit.SECONDS)).contains("hello-42");
    CompletableFuture<Short> closed = new CompletableFuture<>();
    socket.closeHandler(v -> closed.complete(socket.closeStatusCode()));
    socket.writeBinaryMessage(Buffer.buffer("exit\n"));
    assertThat(closed.get(10, TimeUnit.SECONDS)).as("closed normally when the shell exits").isEqualTo((short) 1000);
  }

  @Test
  void aQuietTerminalOutlivesTheHttpIdleTimeout() throws Exception {
    WebSocket socket = connect(admin).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    StringBuilder output = new StringBuilder();
    CompletableFuture<String> answered = new CompletableFuture<>();
    socket.binaryMessageHandler(bytes -> {
      synchronized (output) {
        output.append(bytes.toString());
        if (output.toString().contains("still-here")) {
          answered.complete(output.toString());
        }
      }
    });

    Thread.sleep(3_000); // nothing either way for three idle timeouts
    socket.writeBinaryMessage(Buffer.buffer("echo still-$(echo here)\n"));

    assertThat(answered.get(15, TimeUnit.SECONDS)).contains("still-here");
    socket.close().await();
  }

  @Test
  void anotherUserIsTurnedAwayAndSeesNothing() throws Exception {
    String other = platform.member(admin, "eve", "member password").getString("accessToken");

    assertThat(closeCode(other)).isEqualTo((short) 4404);
    assertThat(closeCode("not-a-token")).isEqualTo((short) 4401);
  }

  /** How the server closes a socket it will not serve; no byte of a shell is sent first. */
  private static short closeCode(String token) throws Exception {
    CompletableFuture<Short> closed = new CompletableFuture<>();
    // handlers are set in the connect callback, on the socket's event loop, before any frame is read
    connect(token).onSuccess(socket -> {
      socket.binaryMessageHandler(bytes -> closed.completeExceptionally(new AssertionError("got shell output")));
      socket.closeHandler(v -> closed.complete(socket.closeStatusCode()));
    }).onFailure(closed::completeExceptionally);
    return closed.get(10, TimeUnit.SECONDS);
  }

  @Test
  void aPlainRequestForTheTerminalIsA426ProblemNamingTheUpgrade() {
    HttpResponse<Buffer> plain = platform.get("/api/v1/workspaces/" + workspaceId + "/terminal", admin);

    assertThat(plain.statusCode()).isEqualTo(426);
    assertThat(plain.getHeader("Upgrade")).isEqualTo("websocket");
    assertThat(plain.getHeader("Content-Type")).startsWith("application/problem+json");
  }

  @Test
  void aForeignOriginIsRefused() {
    WebSocketConnectOptions options = options(admin).addHeader("Origin", "http://evil.example");
    assertThatThrownBy(() -> client().connect(options).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS))
        .hasMessageContaining("403");
  }

  private static io.vertx.core.Future<WebSocket> connect(String token) {
    return client().connect(options(token));
  }

  /**
   * One client for the whole class, held in a field: Vert.x closes the connections of a client
   * that is no longer referenced, which could cut a handshake still in progress.
   */
  private static WebSocketClient client() {
    if (webSockets == null) {
      webSockets = platform.runtime().vertx().createWebSocketClient();
    }
    return webSockets;
  }

  private static WebSocketConnectOptions options(String token) {
    return new WebSocketConnectOptions().setHost("127.0.0.1").setPort(platform.port())
        .setURI("/api/v1/workspaces/" + workspaceId + "/terminal")
        .addHeader("Authorization", "Bearer " + token);
  }
}
