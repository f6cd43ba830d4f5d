package io.devsanctum.standalone.api;

import static io.devsanctum.standalone.api.Docker.docker;
import static org.assertj.core.api.Assertions.assertThat;

import io.devsanctum.common.testkit.MutableClock;
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
import java.nio.file.Files;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Autostop on the whole platform with real containers: requests through the built-in proxy, input
 * in the web terminal and an SSH session keep workspaces running past their inactivity timeout; without them
 * the schedule stops them (initiator "schedule", a log line saying why) and their home survives.
 * Time is a clock the test moves (the scheduler looks every second); nothing waits for minutes.
 */
@Timeout(240)
class WorkspaceAutostopHttpTest {

  private static final Duration SETTLE = Duration.ofSeconds(60);
  private static final MutableClock CLOCK = new MutableClock();

  private static Platform platform;
  private static String admin;
  private static WebSocketClient webSockets;

  @BeforeAll
  static void start() {
    Docker.buildMinimalImage();
    platform = Platform.start(Map.of("DEVSANCTUM_SCHEDULE_INTERVAL_SECONDS", "1"), CLOCK);
    admin = platform.firstAdmin("root", "correct horse battery").getString("accessToken");
    webSockets = platform.runtime().vertx().createWebSocketClient();
  }

  @AfterAll
  static void stop() {
    webSockets.close().await();
    platform.close();
  }

  @Test
  void proxyTrafficTerminalInputAndSshKeepWorkspacesRunningAndWithoutThemTheScheduleStopsThemKeepingTheirHome()
      throws Exception {
    JsonObject spec = new JsonObject()
        .put("image", "devsanctum/workspace-minimal:latest")
        .put("apps", new JsonArray().add(new JsonObject().put("name", "web").put("port", 8080).put("default", true)
            .put("healthPath", "/healthz")))
        .put("cpuMillis", 250).put("memoryMb", 64).put("pidsLimit", 64).put("startupTimeoutSeconds", 30);
    HttpResponse<Buffer> created = platform.post("/api/v1/templates", admin, new JsonObject().put("name", "idle-stops")
        .put("spec", spec).put("schedule", new JsonObject().put("inactivityTimeoutMinutes", 10)));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    assertThat(created.bodyAsJsonObject().getJsonObject("schedule").getInteger("inactivityTimeoutMinutes")).isEqualTo(10);
    String template = created.bodyAsJsonObject().getString("id");
    String proxied = create(template, "proxied");
    String typed = create(template, "typed");
    String overSsh = create(template, "over-ssh");
    String idle = create(template, "idle");
    for (String id : List.of(proxied, typed, overSsh, idle)) {
      await(id, "running", w -> "RUNNING".equals(w.getString("state")) && w.getString("url") != null);
    }
    docker("exec", "devsanctum-ws-" + idle, "sh", "-c", "echo kept > /home/coder/marker.txt");
    String idleHost = URI.create(platform.get("/api/v1/workspaces/" + idle, admin).bodyAsJsonObject().getString("url"))
        .getHost();
    WebSocket terminal = webSockets.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(platform.port())
        .setURI("/api/v1/workspaces/" + typed + "/terminal").addHeader("Authorization", "Bearer " + admin)).await();

    CLOCK.advance(Duration.ofMinutes(8));
    String host = URI.create(platform.get("/api/v1/workspaces/" + proxied, admin).bodyAsJsonObject().getString("url"))
        .getHost();
    HttpResponse<Buffer> page = WebClient.create(platform.runtime().vertx())
        .request(HttpMethod.GET, platform.port(), "127.0.0.1", "/").virtualHost(host).bearerTokenAuthentication(admin)
        .send().await();
    assertThat(page.statusCode()).isEqualTo(200);
    terminal.writeBinaryMessage(Buffer.buffer("echo still-typing\n"));
    OpenSsh ssh = new OpenSsh(platform, Files.createTempDirectory("devsanctum-autostop-ssh-"));
    ssh.addKey(admin, "laptop");
    OpenSsh.Result command = ssh.ssh("laptop", "over-ssh", "echo still-connected");
    assertThat(command.status()).as(command.stderr()).isZero();
    OffsetDateTime used = OffsetDateTime.now(CLOCK);
    for (String id : List.of(proxied, typed, overSsh)) {
      await(id, "used just now", w -> w.getString("lastUsedAt") != null
          && !OffsetDateTime.parse(w.getString("lastUsedAt")).isBefore(used.minusSeconds(1)));
    }

    CLOCK.advance(Duration.ofMinutes(4)); // 12 minutes after the starts, 4 after the last use
    JsonObject stopped = await(idle, "stopped by the schedule", w -> "STOPPED".equals(w.getString("state")));
    assertThat(stopped.getValue("stopsAt")).isNull();
    // the pass that stopped the idle one saw the others as they are: used, so running
    assertThat(platform.get("/api/v1/workspaces/" + proxied, admin).bodyAsJsonObject().getString("state")).isEqualTo("RUNNING");
    assertThat(platform.get("/api/v1/workspaces/" + typed, admin).bodyAsJsonObject().getString("state")).isEqualTo("RUNNING");
    assertThat(platform.get("/api/v1/workspaces/" + overSsh, admin).bodyAsJsonObject().getString("state"))
        .as("an SSH session is use").isEqualTo("RUNNING");

    JsonObject stop = platform.get("/api/v1/workspaces/" + idle + "/deployments", admin).bodyAsJsonObject()
        .getJsonArray("deployments").getJsonObject(0);
    assertThat(stop.getString("transition")).isEqualTo("STOP");
    assertThat(stop.getString("initiator")).isEqualTo("SCHEDULE");
    assertThat(stop.getString("scheduleReason")).isEqualTo("INACTIVITY");
    String why = platform.get("/api/v1/workspaces/" + idle + "/deployments/" + stop.getInteger("number") + "/logs", admin)
        .bodyAsJsonObject().getJsonArray("lines").getJsonObject(0).getString("message");
    System.out.println("deployment log of the stop by the schedule: " + why);
    assertThat(why).startsWith("stopping: unused since").contains("inactivity timeout of 10 minutes");

    // its own page says why it stopped, and offers Start
    HttpResponse<Buffer> stoppedPage = WebClient.create(platform.runtime().vertx())
        .request(HttpMethod.GET, platform.port(), "127.0.0.1", "/").virtualHost(idleHost)
        .putHeader("Sec-Fetch-Mode", "navigate").bearerTokenAuthentication(admin).send().await();
    assertThat(stoppedPage.statusCode()).isEqualTo(503);
    assertThat(stoppedPage.bodyAsString()).contains("is stopped")
        .contains("nobody used it for longer than its inactivity timeout").contains("home folder is kept");

    assertThat(platform.post("/api/v1/workspaces/" + idle + "/start", admin, null).statusCode()).isEqualTo(202);
    await(idle, "running again", w -> "RUNNING".equals(w.getString("state")));
    assertThat(docker("exec", "devsanctum-ws-" + idle, "cat", "/home/coder/marker.txt").strip()).isEqualTo("kept");

    // Extend moves a deadline a whole timeout on; without any use after it, the others stop too
    JsonObject extended = platform.post("/api/v1/workspaces/" + proxied + "/extend", admin, null).bodyAsJsonObject();
    assertThat(OffsetDateTime.parse(extended.getString("stopsAt")))
        .isAfterOrEqualTo(OffsetDateTime.now(CLOCK).plusMinutes(10).minusSeconds(1));
    terminal.close().await();
    CLOCK.advance(Duration.ofMinutes(11));
    for (String id : List.of(proxied, typed, overSsh)) {
      await(id, "stopped by the schedule", w -> "STOPPED".equals(w.getString("state")));
      assertThat(platform.get("/api/v1/workspaces/" + id + "/deployments", admin).bodyAsJsonObject()
          .getJsonArray("deployments").getJsonObject(0).getString("initiator")).isEqualTo("SCHEDULE");
    }
  }

  private static String create(String template, String name) {
    HttpResponse<Buffer> response = platform.post("/api/v1/workspaces", admin,
        new JsonObject().put("templateId", template).put("name", name));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject().getString("id");
  }

  private static JsonObject await(String id, String what, Predicate<JsonObject> done) throws InterruptedException {
    long deadline = System.nanoTime() + SETTLE.toNanos();
    JsonObject workspace;
    do {
      workspace = platform.get("/api/v1/workspaces/" + id, admin).bodyAsJsonObject();
      if (done.test(workspace)) {
        return workspace;
      }
      Thread.sleep(250);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("workspace never " + what + ": " + workspace.encode());
  }
}
