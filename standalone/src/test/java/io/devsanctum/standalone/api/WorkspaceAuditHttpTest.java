package io.devsanctum.standalone.api;

import static io.devsanctum.standalone.api.Docker.docker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.devsanctum.common.testkit.MutableClock;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The audit log of workspaces on the whole platform with real containers: each action on a
 * workspace (and a template's new version) writes exactly one record with its actor, target,
 * change, request id and client address; what the schedule and the reconciler do is recorded with
 * them as its system actor and why; a handoff to a workspace's origin and an SSH session (its open
 * and its end, with how long and how it ended) are recorded by the gateway.
 */
@Timeout(300)
class WorkspaceAuditHttpTest {

  private static final String CLIENT = "198.51.100.7";
  private static final Duration SETTLE = Duration.ofSeconds(60);
  private static final MutableClock CLOCK = new MutableClock();

  private static Platform platform;
  private static String root;
  private static String rootId;
  private static String lastRequestId;

  @BeforeAll
  static void start() {
    Docker.buildMinimalImage();
    platform = Platform.start(Map.of("DEVSANCTUM_TRUSTED_PROXIES", "127.0.0.1/32",
        "DEVSANCTUM_SCHEDULE_INTERVAL_SECONDS", "1", "DEVSANCTUM_RECONCILE_INTERVAL_SECONDS", "2"), CLOCK);
    JsonObject session = platform.firstAdmin("root", "correct horse battery");
    root = session.getString("accessToken");
    rootId = session.getJsonObject("user").getString("id");
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  /** One action as a client at {@link #CLIENT} does it, the target it names, and what its record's change says. */
  private record Case(String action, String targetType, Supplier<String> perform, Consumer<JsonObject> change) {

    Case(String action, Supplier<String> perform, Consumer<JsonObject> change) {
      this(action, "workspace", perform, change);
    }
  }

  @Test
  void eachWorkspaceActionAndATemplatesNewVersionWriteExactlyOneRecordWithTheirActorTargetAndChange() {
    String template = template("audited-workspaces", new JsonObject().put("parameters", new JsonArray()
        .add(new JsonObject().put("name", "editor").put("type", "string")
            .put("options", new JsonArray().add("vim").add("nano")).put("default", "vim").put("mutable", true))));
    String[] workspace = new String[1];
    List<Case> cases = List.of(
        new Case("workspace.create", () -> {
          workspace[0] = call(HttpMethod.POST, "/api/v1/workspaces", new JsonObject().put("templateId", template)
              .put("name", "audited"), 201).bodyAsJsonObject().getString("id");
          awaitState(workspace[0], "RUNNING");
          return workspace[0];
        }, change -> assertThat(after(change)).containsEntry("template", template)),
        new Case("workspace.sharing", () -> {
          call(HttpMethod.PUT, "/api/v1/workspaces/" + workspace[0] + "/sharing",
              new JsonObject().put("sharing", "authenticated"), 200);
          return workspace[0];
        }, change -> {
          assertThat(before(change)).containsEntry("sharing", "owner");
          assertThat(after(change)).containsEntry("sharing", "authenticated");
        }),
        new Case("workspace.parameters", () -> {
          call(HttpMethod.PUT, "/api/v1/workspaces/" + workspace[0] + "/parameters",
              new JsonObject().put("parameters", new JsonObject().put("editor", "nano")), 200);
          awaitState(workspace[0], "RUNNING");
          return workspace[0];
        }, change -> {
          assertThat(before(change)).containsEntry("editor", "vim");
          assertThat(after(change)).containsEntry("editor", "nano");
        }),
        new Case("workspace.schedule", () -> {
          call(HttpMethod.PUT, "/api/v1/workspaces/" + workspace[0] + "/schedule",
              new JsonObject().put("inactivityTimeoutMinutes", 45), 200);
          return workspace[0];
        }, change -> assertThat(after(change).get("schedule")).contains("45")),
        new Case("workspace.extend", () -> {
          call(HttpMethod.POST, "/api/v1/workspaces/" + workspace[0] + "/extend", null, 200);
          return workspace[0];
        }, change -> assertThat(after(change)).containsKey("lastUsedAt")),
        new Case("workspace.stop", () -> transition(workspace[0], "stop", "STOPPED"), change -> { }),
        new Case("workspace.start", () -> transition(workspace[0], "start", "RUNNING"), change -> { }),
        new Case("workspace.restart", () -> transition(workspace[0], "restart", "RUNNING"), change -> { }),
        new Case("template.version", "template", () -> {
          call(HttpMethod.PATCH, "/api/v1/templates/" + template, new JsonObject().put("spec",
              spec().put("env", new JsonObject().put("GREETING", "v2"))), 200);
          return template;
        }, change -> assertThat(after(change)).containsEntry("image", "devsanctum/workspace-minimal:latest")),
        new Case("workspace.update", () -> transition(workspace[0], "update", "RUNNING"), change ->
            assertThat(after(change).get("templateVersion")).isNotNull()
                .isNotEqualTo(before(change).get("templateVersion"))),
        new Case("workspace.delete", () -> {
          call(HttpMethod.DELETE, "/api/v1/workspaces/" + workspace[0], null, 202);
          await().atMost(SETTLE).until(() -> platform.get("/api/v1/workspaces/" + workspace[0], root).statusCode()
              == 404);
          return workspace[0];
        }, change -> { }));

    for (Case c : cases) {
      lastRequestId = "audit-" + c.action().replace('.', '-') + "-" + UUID.randomUUID();
      String requestId = lastRequestId;
      String target = c.perform().get();
      JsonObject record = await().atMost(Duration.ofSeconds(20))
          .until(() -> records("requestId", requestId), found -> !found.isEmpty()).get(0);
      // and only one: nothing the action set off (its deployments) records it again
      await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3))
          .until(() -> records("requestId", requestId).size() == 1);
      assertThat(record.getString("action")).as(c.action()).isEqualTo(c.action());
      assertThat(record.getJsonObject("actor").getString("kind")).isEqualTo("user");
      assertThat(record.getJsonObject("actor").getString("userId")).isEqualTo(rootId);
      assertThat(record.getJsonObject("target").getString("type")).as(c.action()).isEqualTo(c.targetType());
      assertThat(record.getJsonObject("target").getString("id")).as(c.action()).isEqualTo(target);
      assertThat(record.getJsonObject("result").getBoolean("success")).isTrue();
      assertThat(record.getString("clientAddress")).isEqualTo(CLIENT);
      assertThat(record.getString("userAgent")).isEqualTo("audit-test/1");
      c.change().accept(record.getJsonObject("change"));
    }
  }

  @Test
  void theScheduleStopsAndMakesDormantUnderItsOwnNameWithWhyAndTheOwnerWakesIt() {
    String template = template("idle-audited", new JsonObject(), new JsonObject().put("inactivityTimeoutMinutes", 10)
        .put("dormantAfterDays", 1));
    String id = platform.post("/api/v1/workspaces", root, new JsonObject().put("templateId", template)
        .put("name", "idle-audited")).bodyAsJsonObject().getString("id");
    awaitState(id, "RUNNING");

    CLOCK.advance(Duration.ofMinutes(11));
    JsonObject stopped = bySchedule("workspace.stop", id);
    assertThat(after(stopped.getJsonObject("change"))).containsEntry("reason", "inactivity");
    awaitState(id, "STOPPED");

    CLOCK.advance(Duration.ofDays(2));
    JsonObject dormant = bySchedule("workspace.dormant", id);
    assertThat(after(dormant.getJsonObject("change"))).containsEntry("reason", "dormancy");

    lastRequestId = "audit-wake-" + UUID.randomUUID();
    String requestId = lastRequestId;
    call(HttpMethod.POST, "/api/v1/workspaces/" + id + "/wake", null, 200);
    JsonObject woken = await().atMost(Duration.ofSeconds(20))
        .until(() -> records("requestId", requestId), found -> found.size() == 1).get(0);
    assertThat(woken.getString("action")).isEqualTo("workspace.wake");
    assertThat(woken.getJsonObject("actor").getString("userId")).isEqualTo(rootId);
    assertThat(woken.getJsonObject("target").getString("id")).isEqualTo(id);
    assertThat(woken.getString("clientAddress")).isEqualTo(CLIENT);
    platform.send(HttpMethod.DELETE, "/api/v1/workspaces/" + id, root, null);
  }

  @Test
  void theReconcilerRecordsAWorkspaceWhoseContainerWentAsFailedUnderItsOwnName() {
    String template = template("reconciled-audited", new JsonObject());
    String id = platform.post("/api/v1/workspaces", root, new JsonObject().put("templateId", template)
        .put("name", "reconciled")).bodyAsJsonObject().getString("id");
    awaitState(id, "RUNNING");
    docker("rm", "-f", "devsanctum-ws-" + id);

    JsonObject failed = await().atMost(SETTLE).until(() -> records("action", "workspace.fail").stream()
        .filter(r -> id.equals(r.getJsonObject("target").getString("id"))).toList(), found -> !found.isEmpty()).get(0);
    assertThat(failed.getJsonObject("actor").getString("kind")).isEqualTo("system");
    assertThat(failed.getJsonObject("actor").getString("name")).isEqualTo("reconciler");
    assertThat(before(failed.getJsonObject("change"))).containsEntry("state", "RUNNING");
    assertThat(after(failed.getJsonObject("change"))).containsEntry("state", "FAILED");
    assertThat(after(failed.getJsonObject("change")).get("reason")).contains("disappeared");
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> records("action", "workspace.fail")
        .stream().filter(r -> id.equals(r.getJsonObject("target").getString("id"))).count() == 1);
    platform.send(HttpMethod.DELETE, "/api/v1/workspaces/" + id, root, null);
  }

  @Test
  void aHandoffToAWorkspacesOriginAndAnSshSessionsOpenAndEndAreRecordedByTheGateway() throws Exception {
    String template = template("reached-audited", new JsonObject());
    String id = platform.post("/api/v1/workspaces", root, new JsonObject().put("templateId", template)
        .put("name", "reached")).bodyAsJsonObject().getString("id");
    String host = URI.create(await().atMost(SETTLE).until(() -> platform.get("/api/v1/workspaces/" + id, root)
        .bodyAsJsonObject(), w -> "RUNNING".equals(w.getString("state")) && w.getString("url") != null)
        .getString("url")).getHost();

    lastRequestId = "audit-handoff-" + UUID.randomUUID();
    String handoffId = lastRequestId;
    call(HttpMethod.GET, "/api/v1/workspace-access/handoff?host=" + host + "&path=%2F", null, 302);
    JsonObject handoff = await().atMost(Duration.ofSeconds(20))
        .until(() -> records("requestId", handoffId), found -> found.size() == 1).get(0);
    assertThat(handoff.getString("action")).isEqualTo("workspace.access");
    assertThat(handoff.getJsonObject("actor").getString("userId")).isEqualTo(rootId);
    assertThat(handoff.getJsonObject("target").getString("id")).isEqualTo(id);
    assertThat(handoff.getJsonObject("target").getString("name")).isEqualTo(host);
    assertThat(after(handoff.getJsonObject("change"))).containsEntry("app", "web");
    assertThat(handoff.getString("clientAddress")).isEqualTo(CLIENT);

    OpenSsh ssh = new OpenSsh(platform, Files.createTempDirectory("devsanctum-audit-ssh-"));
    ssh.addKey(root, "audit-laptop");
    OpenSsh.Result session = ssh.ssh("audit-laptop", "reached", "exit 3");
    assertThat(session.status()).as(session.stderr()).isEqualTo(3);
    JsonObject opened = await().atMost(Duration.ofSeconds(20)).until(() -> records("action", "workspace.ssh-session"),
        found -> found.size() == 1).get(0);
    JsonObject ended = await().atMost(Duration.ofSeconds(20)).until(() -> records("action",
        "workspace.ssh-session-end"), found -> found.size() == 1).get(0);
    for (JsonObject record : List.of(opened, ended)) {
      assertThat(record.getJsonObject("actor").getString("userId")).isEqualTo(rootId);
      assertThat(record.getJsonObject("target").getString("id")).isEqualTo(id);
      assertThat(record.getJsonObject("target").getString("name")).isEqualTo("reached");
      assertThat(record.getString("clientAddress")).isEqualTo("127.0.0.1");
      assertThat(record.getString("userAgent")).startsWith("SSH-2.0-OpenSSH");
    }
    assertThat(ended.getString("requestId")).as("the end names the session it ends")
        .startsWith("ssh-").isEqualTo(opened.getString("requestId"));
    assertThat(after(ended.getJsonObject("change"))).containsEntry("exitStatus", "3").containsKey("durationMs");
    assertThat(Long.parseLong(after(ended.getJsonObject("change")).get("durationMs"))).isNotNegative();
    platform.send(HttpMethod.DELETE, "/api/v1/workspaces/" + id, root, null);
  }

  private static JsonObject bySchedule(String action, String id) {
    JsonObject record = await().atMost(SETTLE).until(() -> records("action", action).stream()
        .filter(r -> id.equals(r.getJsonObject("target").getString("id"))).toList(), found -> found.size() == 1).get(0);
    assertThat(record.getJsonObject("actor").getString("kind")).isEqualTo("system");
    assertThat(record.getJsonObject("actor").getString("name")).isEqualTo("schedule");
    assertThat(record.getJsonObject("actor").getValue("userId")).isNull();
    return record;
  }

  private static String transition(String id, String action, String state) {
    call(HttpMethod.POST, "/api/v1/workspaces/" + id + "/" + action, null, 202);
    // the transition's deployments are done before the next case acts
    await().atMost(SETTLE).until(() -> platform.get("/api/v1/workspaces/" + id + "/deployments", root)
        .bodyAsJsonObject().getJsonArray("deployments").stream().map(JsonObject.class::cast)
        .noneMatch(d -> Set.of("PENDING", "RUNNING").contains(d.getString("status"))));
    awaitState(id, state);
    return id;
  }

  private static void awaitState(String id, String state) {
    await().atMost(SETTLE).until(() -> platform.get("/api/v1/workspaces/" + id, root).bodyAsJsonObject()
        .getString("state"), state::equals);
  }

  private static JsonObject spec() {
    return new JsonObject()
        .put("image", "devsanctum/workspace-minimal:latest")
        .put("apps", new JsonArray().add(new JsonObject().put("name", "web").put("port", 8080).put("default", true)
            .put("healthPath", "/healthz")))
        .put("cpuMillis", 100).put("memoryMb", 64).put("pidsLimit", 64).put("startupTimeoutSeconds", 30);
  }

  private static String template(String name, JsonObject specOverrides) {
    return template(name, specOverrides, null);
  }

  private static String template(String name, JsonObject specOverrides, JsonObject schedule) {
    JsonObject body = new JsonObject().put("name", name).put("spec", spec().mergeIn(specOverrides));
    if (schedule != null) {
      body.put("schedule", schedule);
    }
    HttpResponse<Buffer> created = platform.post("/api/v1/templates", root, body);
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return created.bodyAsJsonObject().getString("id");
  }

  private static HttpResponse<Buffer> call(HttpMethod method, String path, JsonObject body, int expected) {
    var request = platform.request(method, path, root).putHeader("X-Forwarded-For", CLIENT)
        .putHeader("User-Agent", "audit-test/1").putHeader("X-Request-Id", lastRequestId);
    HttpResponse<Buffer> response = (body == null ? request.send() : request.sendJsonObject(body)).await();
    assertThat(response.statusCode()).as(method + " " + path + ": " + response.bodyAsString()).isEqualTo(expected);
    return response;
  }

  private static Map<String, String> before(JsonObject change) {
    return strings(change.getJsonObject("before"));
  }

  private static Map<String, String> after(JsonObject change) {
    return strings(change.getJsonObject("after"));
  }

  private static Map<String, String> strings(JsonObject values) {
    Map<String, String> strings = new HashMap<>();
    values.forEach(entry -> strings.put(entry.getKey(), String.valueOf(entry.getValue())));
    return strings;
  }

  private static List<JsonObject> records(String field, String value) {
    List<JsonObject> all = new ArrayList<>();
    String cursor = null;
    do {
      JsonObject page = platform.get("/api/v1/audit?limit=500" + (cursor == null ? "" : "&cursor=" + cursor), root)
          .bodyAsJsonObject();
      page.getJsonArray("events").forEach(item -> all.add((JsonObject) item));
      cursor = page.getString("nextCursor");
    } while (cursor != null);
    return all.stream().filter(r -> value.equals(r.getString(field))).toList();
  }
}
