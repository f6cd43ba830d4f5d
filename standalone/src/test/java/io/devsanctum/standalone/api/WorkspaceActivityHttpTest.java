package io.devsanctum.standalone.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.devsanctum.common.testkit.MutableClock;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Activity of a real workspace (a container on the local Docker engine) through the built-in
 * proxy: recorded, shown in the API, and throttled to one write per workspace per minute whatever
 * the traffic. The platform's clock stands still while the requests go, so they all fall within
 * one minute however long the machine takes.
 */
@Timeout(180)
class WorkspaceActivityHttpTest {

  private static final Duration SETTLE = Duration.ofSeconds(60);
  private static final int REQUESTS = 1_000;

  private static final MutableClock CLOCK = new MutableClock();

  private static Platform platform;
  private static String admin;

  @BeforeAll
  static void start() {
    Docker.buildMinimalImage();
    platform = Platform.start(Map.of(), CLOCK);
    admin = platform.firstAdmin("root", "correct horse battery").getString("accessToken");
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  @Test
  void aThousandProxiedRequestsInAMinuteMakeOneActivityWrite() {
    JsonObject spec = new JsonObject()
        .put("image", "devsanctum/workspace-minimal:latest")
        .put("apps", new JsonArray().add(new JsonObject().put("name", "web").put("port", 8080).put("default", true)
            .put("healthPath", "/healthz")))
        .put("cpuMillis", 250).put("memoryMb", 64).put("pidsLimit", 64).put("startupTimeoutSeconds", 30);
    String template = platform.post("/api/v1/templates", admin, new JsonObject().put("name", "busy").put("spec", spec))
        .bodyAsJsonObject().getString("id");
    String id = platform.post("/api/v1/workspaces", admin, new JsonObject().put("templateId", template)
        .put("name", "busy")).bodyAsJsonObject().getString("id");
    JsonObject running = awaitRunning(id);
    OffsetDateTime started = OffsetDateTime.parse(running.getString("lastUsedAt")); // a start counts as use
    String host = URI.create(running.getString("url")).getHost();
    CLOCK.advance(Duration.ofMinutes(1)); // past the start's minute: the next use is written

    double writesBefore = counter("devsanctum.workspace.activity.writes");
    double reportsBefore = counter("devsanctum.gateway.activity.reports");
    WebClient http = WebClient.create(platform.runtime().vertx());
    long sending = System.nanoTime();
    List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
    for (int i = 0; i < REQUESTS; i++) {
      sent.add(http.request(HttpMethod.GET, platform.port(), "127.0.0.1", "/healthz").virtualHost(host)
          .bearerTokenAuthentication(admin).send());
    }
    Future.all(sent).await();
    Duration took = Duration.ofNanos(System.nanoTime() - sending);
    assertThat(sent).allSatisfy(response -> assertThat(response.result().statusCode()).isEqualTo(200));

    // the one report is sent on its own; wait until workspace-service has answered it
    long deadline = System.nanoTime() + SETTLE.toNanos();
    while (counter("devsanctum.workspace.activity.writes") == writesBefore && System.nanoTime() < deadline) {
      pause();
    }
    double reports = counter("devsanctum.gateway.activity.reports") - reportsBefore;
    double writes = counter("devsanctum.workspace.activity.writes") - writesBefore;
    System.out.printf("activity throttle: %d proxied requests in %d ms -> %.0f report(s), %.0f write(s)%n",
        REQUESTS, took.toMillis(), reports, writes);
    assertThat(reports).isEqualTo(1);
    assertThat(writes).isEqualTo(1);
    OffsetDateTime lastUsed = OffsetDateTime.parse(platform.get("/api/v1/workspaces/" + id, admin).bodyAsJsonObject()
        .getString("lastUsedAt"));
    assertThat(lastUsed).isEqualTo(started.plusMinutes(1));
    http.close();
  }

  private static double counter(String name) {
    var found = platform.runtime().meterRegistry().find(name).counter();
    return found == null ? 0 : found.count();
  }

  private static JsonObject awaitRunning(String id) {
    long deadline = System.nanoTime() + SETTLE.toNanos();
    JsonObject workspace;
    do {
      workspace = platform.get("/api/v1/workspaces/" + id, admin).bodyAsJsonObject();
      if ("RUNNING".equals(workspace.getString("state")) && workspace.getString("url") != null) {
        return workspace;
      }
      pause();
    } while (System.nanoTime() < deadline);
    throw new AssertionError("workspace never ran: " + workspace.encode());
  }

  private static void pause() {
    try {
      Thread.sleep(250);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
