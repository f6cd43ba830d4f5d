package io.devsanctum.standalone.faults;

import static io.devsanctum.standalone.api.Docker.docker;
import static org.assertj.core.api.Assertions.assertThat;

import io.devsanctum.standalone.api.Docker;
import io.devsanctum.standalone.api.Platform;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two Docker hosts, one of them the local engine behind a forwarder process that the test freezes
 * (SIGSTOP: it accepts connections and never answers) and later kills: the host is marked unhealthy,
 * new workspaces go to the other host, calls to it fail at once with a reason that names it, and
 * when it comes back the reconciler converges what happened meanwhile: a failed stop's container
 * that kept running is stopped, a container lost while the host was away is reported.
 */
class DockerHostOutageFaultIT {

  private static final Duration SETTLE = Duration.ofSeconds(60);

  private ForwardedDockerHost forwarded;
  private Platform platform;
  private String frozenHost;
  private String directHost;
  private String admin;
  private String template;
  private final List<String> figures = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    Docker.buildMinimalImage();
    forwarded = ForwardedDockerHost.start();
    String run = "test-" + UUID.randomUUID().toString().substring(0, 8);
    frozenHost = run + "-a"; // first in id order, so placement ties go to it
    directHost = run + "-b";
    platform = Platform.start(Map.of(
        "DEVSANCTUM_DOCKER_HOSTS", frozenHost + "=" + forwarded.endpoint() + "," + directHost + "=unix:///var/run/docker.sock",
        "DEVSANCTUM_DOCKER_HEALTH_INTERVAL_MS", "500",
        "DEVSANCTUM_RECONCILE_INTERVAL_SECONDS", "2"));
    admin = platform.firstAdmin("root", "correct horse battery").getString("accessToken");
    template = json(platform.post("/api/v1/templates", admin, new JsonObject().put("name", "minimal")
        .put("spec", new JsonObject().put("image", "devsanctum/workspace-minimal:latest")
            .put("apps", new JsonArray().add(new JsonObject().put("name", "web").put("port", 8080).put("default", true)
                .put("healthPath", "/healthz")))
            .put("cpuMillis", 100).put("memoryMb", 64).put("pidsLimit", 32).put("startupTimeoutSeconds", 30))))
        .getString("id");
  }

  @AfterEach
  void stop() throws Exception {
    forwarded.close();
    // both hosts are one engine, so the owner's network (made first on the forwarded host) is shared:
    // the direct host's containers go first, then the platform removes its first host's resources
    Docker.removeResourcesOf(directHost);
    platform.close();
  }

  @Test
  void aFrozenThenKilledHostFailsFastWithItsNameIsAvoidedAndConvergesWhenItReturns() throws Exception {
    List<String> onFrozen = new ArrayList<>();
    for (int n = 1; onFrozen.size() < 3; n++) {
      JsonObject created = create("ws-" + n);
      if (awaitState(created.getString("id"), "RUNNING").getString("dockerHostId").equals(frozenHost)) {
        onFrozen.add(created.getString("id"));
      }
    }
    String failedStop = onFrozen.get(0);
    String stopWhileDown = onFrozen.get(1);
    String lostWhileDown = onFrozen.get(2);

    // frozen: marked unhealthy, a stop fails at once naming it, new workspaces go elsewhere
    long frozenAt = System.nanoTime();
    forwarded.freeze();
    await("the frozen host marked unhealthy", () -> healthy(frozenHost) == 0);
    figures.add(String.format("frozen host (SIGSTOP) marked unhealthy after %d ms", millisSince(frozenAt)));
    long stopAsked = System.nanoTime();
    assertThat(transition(failedStop, "stop").statusCode()).isEqualTo(202);
    JsonObject failed = awaitState(failedStop, "FAILED");
    figures.add(String.format("stop on the frozen host: FAILED after %d ms: %s", millisSince(stopAsked),
        failed.getString("failureReason")));
    assertThat(failed.getString("failureReason")).as("refused at once by the host's health, not timed out")
        .contains("Docker host '" + frozenHost + "' is unhealthy");
    assertThat(running(failedStop)).as("the container the failed stop could not reach still runs").isTrue();
    JsonObject placed = create("placed-while-frozen");
    assertThat(awaitState(placed.getString("id"), "RUNNING").getString("dockerHostId"))
        .as("placement refuses the unhealthy host").isEqualTo(directHost);
    JsonObject frozen = hosts().stream().filter(h -> h.getString("id").equals(frozenHost)).findFirst().orElseThrow();
    assertThat(frozen.getBoolean("healthy")).isFalse();
    figures.add("hosts list says of the frozen host: " + frozen.getString("error"));

    // thawed: healthy again, and the reconciler stops the container the failed stop left running
    long thawedAt = System.nanoTime();
    forwarded.thaw();
    await("the thawed host healthy again", () -> healthy(frozenHost) == 1);
    await("the failed workspace's container stopped by the reconciler", () -> !running(failedStop));
    figures.add(String.format("thawed: healthy and the failed stop's container stopped %d ms later", millisSince(thawedAt)));
    assertThat(get(failedStop).getString("state")).as("it stays FAILED, with its reason").isEqualTo("FAILED");
    transition(failedStop, "start");
    awaitState(failedStop, "RUNNING");

    // killed: connections refused, calls fail at once; a container goes missing while it is away
    long killedAt = System.nanoTime();
    forwarded.kill();
    await("the killed host marked unhealthy", () -> healthy(frozenHost) == 0);
    figures.add(String.format("killed host marked unhealthy after %d ms", millisSince(killedAt)));
    stopAsked = System.nanoTime();
    transition(stopWhileDown, "stop");
    JsonObject refused = awaitState(stopWhileDown, "FAILED");
    figures.add(String.format("stop on the killed host: FAILED after %d ms: %s", millisSince(stopAsked),
        refused.getString("failureReason")));
    assertThat(refused.getString("failureReason")).contains("Docker host '" + frozenHost + "'");
    docker("rm", "-f", "devsanctum-ws-" + lostWhileDown);
    assertThat(get(lostWhileDown).getString("state")).as("an unreachable host's workspace is not judged").isEqualTo("RUNNING");

    // back: the stop that failed is converged, the lost container is reported, the rest runs on
    long backAt = System.nanoTime();
    forwarded.restart();
    await("the host healthy again", () -> healthy(frozenHost) == 1);
    await("the container of the stop that failed is stopped", () -> !running(stopWhileDown));
    JsonObject lost = awaitState(lostWhileDown, "FAILED");
    assertThat(lost.getString("failureReason")).contains("disappeared");
    figures.add(String.format("host back: converged %d ms later (failed stop's container stopped; lost container: %s)",
        millisSince(backAt), lost.getString("failureReason")));
    assertThat(get(failedStop).getString("state")).isEqualTo("RUNNING");
    assertThat(running(failedStop)).isTrue();

    String report = "Docker host outage:\n  " + String.join("\n  ", figures) + "\n";
    System.out.println(report);
    FaultReports.write("docker-host-outage.txt", report);
  }

  private JsonObject create(String name) {
    HttpResponse<Buffer> response = platform.post("/api/v1/workspaces", admin,
        new JsonObject().put("templateId", template).put("name", name));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject();
  }

  private HttpResponse<Buffer> transition(String id, String action) {
    return platform.post("/api/v1/workspaces/" + id + "/" + action, admin, null);
  }

  private JsonObject get(String id) {
    return platform.get("/api/v1/workspaces/" + id, admin).bodyAsJsonObject();
  }

  private List<JsonObject> hosts() {
    return platform.get("/api/v1/hosts", admin).bodyAsJsonObject().getJsonArray("hosts").stream()
        .map(JsonObject.class::cast).toList();
  }

  private double healthy(String hostId) {
    return platform.runtime().meterRegistry().get("devsanctum.docker.host.healthy").tag("host", hostId).gauge().value();
  }

  private static boolean running(String workspaceId) {
    return docker("inspect", "-f", "{{.State.Running}}", "devsanctum-ws-" + workspaceId).strip().equals("true");
  }

  private JsonObject awaitState(String id, String state) throws InterruptedException {
    long deadline = System.nanoTime() + SETTLE.toNanos();
    JsonObject workspace;
    do {
      workspace = get(id);
      if (state.equals(workspace.getString("state"))) {
        return workspace;
      }
      Thread.sleep(100);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("workspace never reached " + state + ": " + workspace.encode());
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + SETTLE.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as(what).isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  private static JsonObject json(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isBetween(200, 299);
    return response.bodyAsJsonObject();
  }

  private static long millisSince(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1_000_000;
  }
}
