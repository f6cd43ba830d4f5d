package io.devsanctum.standalone.api;

import static io.devsanctum.standalone.api.Docker.docker;
import static io.devsanctum.standalone.api.Docker.lines;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Workspaces through the REST API on the real Docker daemon and PostgreSQL: the lifecycle, its
 * deployments and live logs, concurrency, refusals that leave nothing behind, and the reconciler.
 */
class WorkspaceLifecycleTest {

  private static final Duration SETTLE = Duration.ofSeconds(60);

  private static Platform platform;
  private static String admin;
  private static String minimalTemplate;

  @BeforeAll
  static void start() {
    Docker.buildMinimalImage();
    platform = Platform.start(Map.of(
        "DEVSANCTUM_RECONCILE_INTERVAL_SECONDS", "2",
        "DEVSANCTUM_DEPLOYMENT_LEASE_SECONDS", "3"));
    admin = platform.firstAdmin("root", "correct horse battery").getString("accessToken");
    minimalTemplate = createTemplate("minimal", new JsonObject());
  }

  @AfterAll
  static void stop() {
    // whatever a failed test left behind goes with the test run
    platform.close();
  }

  @Test
  void workspaceRunsKeepsItsHomeAcrossStopStartAndDeleteRemovesEverything() {
    JsonObject created = create(admin, minimalTemplate, "home-survives");
    String id = created.getString("id");
    assertThat(created.getString("state")).isEqualTo("PENDING");

    JsonObject running = awaitState(admin, id, "RUNNING");
    assertThat(running.getString("dockerHostId")).isEqualTo(platform.dockerHostId());
    String container = "devsanctum-ws-" + id;
    docker("exec", container, "sh", "-c", "echo kept > /home/coder/marker.txt");

    assertThat(transition(admin, id, "stop").statusCode()).isEqualTo(202);
    awaitState(admin, id, "STOPPED");
    assertThat(docker("inspect", "-f", "{{.State.Running}}", container).strip()).isEqualTo("false");
    transition(admin, id, "start");
    awaitState(admin, id, "RUNNING");
    assertThat(docker("exec", container, "cat", "/home/coder/marker.txt").strip()).isEqualTo("kept");

    JsonArray deployments = platform.get("/api/v1/workspaces/" + id + "/deployments", admin).bodyAsJsonObject()
        .getJsonArray("deployments");
    assertThat(deployments.stream().map(d -> ((JsonObject) d).getString("transition")))
        .containsExactly("START", "STOP", "START");

    assertThat(platform.send(HttpMethod.DELETE, "/api/v1/workspaces/" + id, admin, null).statusCode()).isEqualTo(202);
    awaitGone(admin, id);
    assertThat(lines(docker("ps", "-aq", "--filter", "label=devsanctum.workspace_id=" + id))).isEmpty();
    assertThat(lines(docker("volume", "ls", "-q", "--filter", "label=devsanctum.workspace_id=" + id))).isEmpty();
    String owner = running.getString("ownerId");
    assertThat(lines(docker("network", "ls", "-q", "--filter", "label=devsanctum.owner_id=" + owner))).isEmpty();
  }

  @Test
  void updateMovesARunningWorkspaceToTheNewTemplateVersionKeepingItsHome() {
    String template = createTemplate("versioned", new JsonObject());
    String id = create(admin, template, "updated").getString("id");
    JsonObject first = awaitState(admin, id, "RUNNING");
    docker("exec", "devsanctum-ws-" + id, "sh", "-c", "echo kept > /home/coder/marker.txt");

    JsonObject edited = platform.send(HttpMethod.PATCH, "/api/v1/templates/" + template, admin,
        new JsonObject().put("spec", new JsonObject().put("image", "devsanctum/workspace-minimal:latest")
            .put("env", new JsonObject().put("GREETING", "v2"))
            .put("apps", new JsonArray().add(new JsonObject().put("name", "web").put("port", 8080)
                .put("default", true).put("healthPath", "/healthz")))
            .put("cpuMillis", 250).put("memoryMb", 64).put("pidsLimit", 64))).bodyAsJsonObject();
    String version2 = edited.getJsonObject("activeVersion").getString("id");
    assertThat(edited.getJsonObject("activeVersion").getInteger("version")).isEqualTo(2);
    assertThat(version2).isNotEqualTo(first.getString("templateVersionId"));

    assertThat(transition(admin, id, "update").statusCode()).isEqualTo(202);
    long deadline = System.nanoTime() + SETTLE.toNanos();
    JsonObject now;
    do {
      pause();
      now = platform.get("/api/v1/workspaces/" + id, admin).bodyAsJsonObject();
      assertThat(System.nanoTime()).as("updated within %s: %s", SETTLE, now.encode()).isLessThan(deadline);
    } while (!("RUNNING".equals(now.getString("state")) && version2.equals(now.getString("templateVersionId"))));

    String container = "devsanctum-ws-" + id;
    assertThat(docker("inspect", "-f", "{{index .Config.Labels \"devsanctum.template_version\"}}", container).strip())
        .isEqualTo(version2);
    assertThat(docker("exec", container, "sh", "-c", "echo $GREETING").strip()).isEqualTo("v2");
    assertThat(docker("exec", container, "cat", "/home/coder/marker.txt").strip()).isEqualTo("kept");
  }

  @Test
  void changingAMutableParameterRestartsTheWorkspaceWithItKeepingItsHomeAndImmutableOnesAreRefused() {
    String template = createTemplate("tunable", new JsonObject().put("parameters", new JsonArray()
        .add(new JsonObject().put("name", "editor").put("type", "string").put("options", new JsonArray().add("vim").add("nano"))
            .put("default", "vim").put("mutable", true))
        .add(new JsonObject().put("name", "region").put("type", "string").put("default", "eu").put("mutable", false))));
    String id = create(admin, template, "tuned").getString("id");
    awaitState(admin, id, "RUNNING");
    String container = "devsanctum-ws-" + id;
    docker("exec", container, "sh", "-c", "echo kept > /home/coder/marker.txt");

    HttpResponse<Buffer> immutable = setParameters(id, new JsonObject().put("region", "us"));
    HttpResponse<Buffer> invalid = setParameters(id, new JsonObject().put("editor", "emacs"));
    HttpResponse<Buffer> unknown = setParameters(id, new JsonObject().put("shell", "zsh"));
    HttpResponse<Buffer> changed = setParameters(id, new JsonObject().put("editor", "nano").put("region", "eu"));

    assertThat(immutable.statusCode()).isEqualTo(400);
    assertThat(immutable.bodyAsJsonObject().getString("detail")).contains("parameters.region", "cannot change");
    assertThat(invalid.bodyAsJsonObject().getString("detail")).contains("parameters.editor", "one of vim, nano");
    assertThat(unknown.bodyAsJsonObject().getString("detail")).contains("parameters.shell", "no such parameter");
    assertThat(changed.statusCode()).as(changed.bodyAsString()).isEqualTo(200);
    assertThat(changed.bodyAsJsonObject().getJsonObject("parameters").getMap())
        .containsEntry("editor", "nano").containsEntry("region", "eu");
    awaitState(admin, id, "RUNNING");
    assertThat(platform.get("/api/v1/workspaces/" + id + "/deployments/3/logs", admin).bodyAsJsonObject()
        .getJsonArray("lines").encode()).contains("container replaced");
    assertThat(docker("exec", container, "sh", "-c", "echo $PARAM_EDITOR $PARAM_REGION").strip()).isEqualTo("nano eu");
    assertThat(docker("exec", container, "cat", "/home/coder/marker.txt").strip()).isEqualTo("kept");
    JsonArray deployments = platform.get("/api/v1/workspaces/" + id + "/deployments", admin).bodyAsJsonObject()
        .getJsonArray("deployments");
    assertThat(deployments.stream().map(d -> ((JsonObject) d).getString("transition")))
        .containsExactly("START", "STOP", "START");
    // the same values again change nothing
    assertThat(setParameters(id, new JsonObject().put("editor", "nano")).statusCode()).isEqualTo(200);
    assertThat(platform.get("/api/v1/workspaces/" + id + "/deployments", admin).bodyAsJsonObject()
        .getJsonArray("deployments")).hasSize(3);
  }

  private static HttpResponse<Buffer> setParameters(String id, JsonObject parameters) {
    return platform.send(HttpMethod.PUT, "/api/v1/workspaces/" + id + "/parameters", admin,
        new JsonObject().put("parameters", parameters));
  }

  @Test
  void sharingAWorkspacePubliclyOpensItToAnonymousVisitorsAndBack() {
    String id = create(admin, minimalTemplate, "shared").getString("id");
    String url = awaitState(admin, id, "RUNNING").getString("url");
    String host = java.net.URI.create(url).getHost();

    assertThat(anonymousVisit(host).statusCode()).as("private: sent to sign in").isEqualTo(302);
    HttpResponse<Buffer> shared = platform.send(HttpMethod.PUT, "/api/v1/workspaces/" + id + "/sharing", admin,
        new JsonObject().put("sharing", "public"));
    assertThat(shared.bodyAsJsonObject().getString("sharing")).isEqualTo("public");
    awaitAnonymousStatus(host, 200);
    assertThat(anonymousVisit(host).bodyAsString()).contains("DevSanctum workspace shared");

    platform.send(HttpMethod.PUT, "/api/v1/workspaces/" + id + "/sharing", admin, new JsonObject().put("sharing", "owner"));
    awaitAnonymousStatus(host, 302);
    assertThat(platform.send(HttpMethod.PUT, "/api/v1/workspaces/" + id + "/sharing", admin,
        new JsonObject().put("sharing", "everyone")).statusCode()).isEqualTo(400);
  }

  @Test
  void sharingChangedWhileTheWorkspaceIsStoppedAppliesAtOnce() {
    String id = create(admin, minimalTemplate, "paused-share").getString("id");
    String host = java.net.URI.create(awaitState(admin, id, "RUNNING").getString("url")).getHost();
    transition(admin, id, "stop");
    awaitState(admin, id, "STOPPED");
    assertThat(anonymousVisit(host).statusCode()).as("private and stopped: sent to sign in").isEqualTo(302);

    platform.send(HttpMethod.PUT, "/api/v1/workspaces/" + id + "/sharing", admin, new JsonObject().put("sharing", "public"));
    HttpResponse<Buffer> stopped = anonymousVisit(host);
    assertThat(stopped.statusCode()).as("public and stopped: says it is stopped, asks nobody to sign in").isEqualTo(503);
    assertThat(stopped.bodyAsString()).contains("is stopped");

    platform.send(HttpMethod.PUT, "/api/v1/workspaces/" + id + "/sharing", admin, new JsonObject().put("sharing", "owner"));
    assertThat(anonymousVisit(host).statusCode()).isEqualTo(302);
    transition(admin, id, "start");
    awaitState(admin, id, "RUNNING");
    assertThat(anonymousVisit(host).statusCode()).as("still private once started").isEqualTo(302);
  }

  private static HttpResponse<Buffer> anonymousVisit(String host) {
    return platform.request(HttpMethod.GET, "/", null).putHeader("Host", host + ":" + platform.port())
        .putHeader("Sec-Fetch-Mode", "navigate").send().await();
  }

  @Test
  void aStoppedWorkspacesPageOffersItsOwnerAStartButtonThatStartsIt() {
    String id = create(admin, minimalTemplate, "startable").getString("id");
    String host = java.net.URI.create(awaitState(admin, id, "RUNNING").getString("url")).getHost();
    String cookie = workspaceCookie(host);
    transition(admin, id, "stop");
    awaitState(admin, id, "STOPPED");

    HttpResponse<Buffer> stopped = platform.request(HttpMethod.GET, "/some/page", null)
        .putHeader("Host", host + ":" + platform.port()).putHeader("Cookie", cookie).send().await();
    assertThat(stopped.statusCode()).isEqualTo(503);
    assertThat(stopped.getHeader("Content-Security-Policy")).startsWith("default-src 'none'");
    assertThat(stopped.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    String page = stopped.bodyAsString();
    assertThat(page).contains("Workspace startable is stopped").contains("action=\"/.devsanctum/start\"");
    String token = page.replaceAll("(?s).*name=\"token\" value=\"([^\"]+)\".*", "$1");

    assertThat(startFromPage(host, cookie, "forged", "http://" + host + ":" + platform.port()).statusCode())
        .as("a form without its token").isEqualTo(403);
    assertThat(startFromPage(host, cookie, token, "http://elsewhere.localhost:" + platform.port()).statusCode())
        .as("a form posted from another origin").isEqualTo(404);
    assertThat(awaitState(admin, id, "STOPPED").getString("state")).isEqualTo("STOPPED");

    HttpResponse<Buffer> started = startFromPage(host, cookie, token, "http://" + host + ":" + platform.port());
    assertThat(started.statusCode()).isEqualTo(303);
    assertThat(started.getHeader("Location")).isEqualTo("/some/page");
    awaitState(admin, id, "RUNNING");
    platform.send(HttpMethod.DELETE, "/api/v1/workspaces/" + id, admin, null);
    awaitGone(admin, id); // the owner's network goes with their last workspace, which other tests check
  }

  /** The {@code ds_ws} cookie the admin's dashboard sign-in is handed over to {@code host} with. */
  private static String workspaceCookie(String host) {
    HttpResponse<Buffer> handoff = platform.get("/api/v1/workspace-access/handoff?host=" + host + "&path=%2F", admin);
    assertThat(handoff.statusCode()).as(handoff.bodyAsString()).isEqualTo(302);
    java.net.URI exchange = java.net.URI.create(handoff.getHeader("Location"));
    HttpResponse<Buffer> exchanged = platform.request(HttpMethod.GET, exchange.getRawPath() + "?" + exchange.getRawQuery(),
        null).putHeader("Host", host + ":" + platform.port()).send().await();
    return "ds_ws=" + Platform.cookies(exchanged).get("ds_ws");
  }

  private static HttpResponse<Buffer> startFromPage(String host, String cookie, String token, String origin) {
    return platform.request(HttpMethod.POST, "/.devsanctum/start", null)
        .putHeader("Host", host + ":" + platform.port()).putHeader("Cookie", cookie).putHeader("Origin", origin)
        .putHeader("Content-Type", "application/x-www-form-urlencoded")
        .sendBuffer(Buffer.buffer("token=" + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8)
            + "&path=%2Fsome%2Fpage"))
        .await();
  }

  private static void awaitAnonymousStatus(String host, int status) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (anonymousVisit(host).statusCode() != status) {
      assertThat(System.nanoTime()).as("anonymous visit answers %d", status).isLessThan(deadline);
      pause();
    }
  }

  @Test
  void tenConcurrentStartsMakeOneDeploymentAndOneContainer() {
    String id = create(admin, minimalTemplate, "ten-starts").getString("id");
    awaitState(admin, id, "RUNNING");
    transition(admin, id, "stop");
    awaitState(admin, id, "STOPPED");

    List<CompletableFuture<Integer>> starts = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      starts.add(CompletableFuture.supplyAsync(() -> transition(admin, id, "start").statusCode()));
    }
    assertThat(starts.stream().map(CompletableFuture::join)).allMatch(status -> status == 202);
    awaitState(admin, id, "RUNNING");

    JsonArray deployments = platform.get("/api/v1/workspaces/" + id + "/deployments", admin).bodyAsJsonObject()
        .getJsonArray("deployments");
    assertThat(deployments).hasSize(3); // START (create), STOP, and exactly one START
    assertThat(lines(docker("ps", "-aq", "--filter", "label=devsanctum.workspace_id=" + id))).hasSize(1);
    assertThat(transition(admin, id, "start").bodyAsJsonObject().getString("state"))
        .as("starting a running workspace is a no-op").isEqualTo("RUNNING");
  }

  @Test
  void liveLogStreamDeliversTheLinesOfARunningDeploymentInOrder() throws Exception {
    String id = create(admin, minimalTemplate, "live-log").getString("id");

    List<String> events = sse("/api/v1/workspaces/" + id + "/deployments/1/logs/stream", admin);

    List<Integer> numbers = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      if (events.get(i).startsWith("id: ")) {
        numbers.add(Integer.parseInt(events.get(i).substring(4)));
      }
    }
    assertThat(numbers).isNotEmpty();
    for (int i = 0; i < numbers.size(); i++) {
      assertThat(numbers.get(i)).as("line numbers arrive in order, each once").isEqualTo(i + 1);
    }
    assertThat(String.join("\n", events)).contains("wait-healthy").contains("event: end").contains("SUCCEEDED");
  }

  @Test
  void missingImageIsRefusedNamingItAndLeavesNothing() {
    String template = createTemplate("ghost-image", new JsonObject().put("image", "devsanctum/does-not-exist:1"));
    HttpResponse<Buffer> refused = platform.post("/api/v1/workspaces", admin,
        new JsonObject().put("templateId", template).put("name", "ghost"));

    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.bodyAsJsonObject().getString("detail")).contains("devsanctum/does-not-exist:1");
    assertThat(names(admin)).doesNotContain("ghost");
  }

  @Test
  void quotaInvalidNamesAndParametersAreClearProblemsAndLeaveNothing() {
    JsonObject member = platform.member(admin, "quinn", "member password");
    String memberToken = member.getString("accessToken");
    String memberId = member.getJsonObject("user").getString("id");
    assertThat(platform.send(HttpMethod.PUT, "/api/v1/users/" + memberId + "/quota", admin,
        new JsonObject().put("maxWorkspaces", 1)).statusCode()).isEqualTo(200);

    assertThat(platform.post("/api/v1/workspaces", memberToken,
        new JsonObject().put("templateId", minimalTemplate).put("name", "first")).statusCode()).isEqualTo(201);
    HttpResponse<Buffer> overQuota = platform.post("/api/v1/workspaces", memberToken,
        new JsonObject().put("templateId", minimalTemplate).put("name", "second"));
    assertThat(overQuota.statusCode()).isEqualTo(409);
    assertThat(overQuota.bodyAsJsonObject().getString("detail")).contains("max_workspaces");

    HttpResponse<Buffer> badName = platform.post("/api/v1/workspaces", memberToken,
        new JsonObject().put("templateId", minimalTemplate).put("name", "Not A DNS Label"));
    assertThat(badName.statusCode()).isEqualTo(400);
    assertThat(badName.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("/name");

    String parameterised = createTemplate("with-params", new JsonObject().put("parameters", new JsonArray()
        .add(new JsonObject().put("name", "size").put("type", "number").put("min", 1).put("max", 4).put("required", true))));
    HttpResponse<Buffer> badParameter = platform.post("/api/v1/workspaces", admin, new JsonObject()
        .put("templateId", parameterised).put("name", "params").put("parameters", new JsonObject().put("size", 9)));
    assertThat(badParameter.statusCode()).isEqualTo(400);
    assertThat(badParameter.bodyAsJsonObject().getString("detail")).contains("parameters.size").contains("at most 4");

    assertThat(names(memberToken)).containsExactly("first");
    assertThat(names(admin)).doesNotContain("params");
  }

  @Test
  void anotherUsersWorkspaceAnswersNotFound() {
    String id = create(admin, minimalTemplate, "private").getString("id");
    String other = platform.member(admin, "olga", "member password").getString("accessToken");

    assertThat(platform.get("/api/v1/workspaces/" + id, other).statusCode()).isEqualTo(404);
    assertThat(transition(other, id, "stop").statusCode()).isEqualTo(404);
    assertThat(names(other)).isEmpty();
  }

  @Test
  void reconcilerMarksAContainerRemovedBehindThePlatformsBack() {
    String id = create(admin, minimalTemplate, "vanishing").getString("id");
    awaitState(admin, id, "RUNNING");

    docker("rm", "-f", "devsanctum-ws-" + id);

    JsonObject failed = awaitState(admin, id, "FAILED");
    assertThat(failed.getString("failureReason")).contains("disappeared");
    transition(admin, id, "start");
    awaitState(admin, id, "RUNNING");
  }

  @Test
  void reconcilerRemovesAnOrphanContainerWithThePlatformsLabels() {
    String orphanWorkspace = UUID.randomUUID().toString();
    // created, not run: `docker run` is a create and then a start, and the reconciler may remove the
    // container in between, failing the start (an orphan is one whether it runs or not)
    String orphan = docker("create", "--label", "devsanctum.managed=true",
        "--label", "devsanctum.workspace_id=" + orphanWorkspace, "--label", "devsanctum.owner_id=" + UUID.randomUUID(),
        "--label", "devsanctum.host_id=" + platform.dockerHostId(), "--label", "devsanctum.template_version=" + UUID.randomUUID(),
        "devsanctum/workspace-minimal:latest").strip();

    long deadline = System.nanoTime() + SETTLE.toNanos();
    while (!lines(docker("ps", "-aq", "--filter", "id=" + orphan)).isEmpty()) {
      assertThat(System.nanoTime()).as("orphan removed within %s", SETTLE).isLessThan(deadline);
      pause();
    }
  }

  @Test
  void deploymentInterruptedByAWorkspaceServiceRestartIsFinished() {
    String slow = createTemplate("slow-start", new JsonObject()
        .put("entrypoint", new JsonArray().add("/bin/sh").add("-c"))
        .put("command", new JsonArray().add("sleep 3; exec /bin/sh /usr/local/bin/workspace-start")));
    String id = create(admin, slow, "interrupted").getString("id");
    awaitStep(id, "wait-healthy");

    platform.restartWorkspaceService();

    awaitState(admin, id, "RUNNING");
    JsonObject logs = platform.get("/api/v1/workspaces/" + id + "/deployments/1/logs", admin).bodyAsJsonObject();
    assertThat(logs.getJsonObject("deployment").getString("status")).isEqualTo("SUCCEEDED");
    assertThat(logs.getJsonArray("lines").encode()).contains("resuming deployment #1");
  }

  @Test
  void oneRequestsIdIsInTheLogLinesOfEveryServiceItReaches() {
    String requestId = "trace-" + UUID.randomUUID();
    try (LogCapture logs = new LogCapture()) {
      HttpResponse<Buffer> response = platform.request(HttpMethod.POST, "/api/v1/workspaces", admin)
          .putHeader("X-Request-Id", requestId)
          .sendJsonObject(new JsonObject().put("templateId", minimalTemplate).put("name", "traced"))
          .await();
      assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
      awaitState(admin, response.bodyAsJsonObject().getString("id"), "RUNNING");

      List<String> servicesThatLoggedIt = logs.lines().stream()
          .filter(line -> requestId.equals(line.requestId()))
          .map(line -> line.logger().split("\\.")[2])
          .distinct().sorted().toList();
      assertThat(servicesThatLoggedIt).as("services whose log lines carry the request id; lines: %s",
          logs.lines().stream().filter(line -> line.logger().startsWith("io.devsanctum")).toList())
          .contains("gateway", "workspace", "provisioner", "routing");
    }
  }

  // ---- helpers

  private static String createTemplate(String name, JsonObject specOverrides) {
    JsonObject spec = new JsonObject()
        .put("image", "devsanctum/workspace-minimal:latest")
        .put("apps", new JsonArray().add(new JsonObject().put("name", "web").put("port", 8080).put("default", true)
            .put("healthPath", "/healthz")))
        .put("cpuMillis", 250).put("memoryMb", 64).put("pidsLimit", 64).put("startupTimeoutSeconds", 30)
        .mergeIn(specOverrides);
    HttpResponse<Buffer> response = platform.post("/api/v1/templates", admin,
        new JsonObject().put("name", name).put("spec", spec));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject().getString("id");
  }

  private static JsonObject create(String token, String template, String name) {
    HttpResponse<Buffer> response = platform.post("/api/v1/workspaces", token,
        new JsonObject().put("templateId", template).put("name", name));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject();
  }

  private static HttpResponse<Buffer> transition(String token, String id, String action) {
    return platform.post("/api/v1/workspaces/" + id + "/" + action, token, null);
  }

  private static List<String> names(String token) {
    return platform.get("/api/v1/workspaces", token).bodyAsJsonObject().getJsonArray("workspaces").stream()
        .map(w -> ((JsonObject) w).getString("name")).toList();
  }

  private static JsonObject awaitState(String token, String id, String state) {
    long deadline = System.nanoTime() + SETTLE.toNanos();
    JsonObject workspace;
    do {
      workspace = platform.get("/api/v1/workspaces/" + id, token).bodyAsJsonObject();
      if (state.equals(workspace.getString("state"))) {
        return workspace;
      }
      pause();
    } while (System.nanoTime() < deadline);
    JsonObject logs = platform.get("/api/v1/workspaces/" + id + "/deployments", token).bodyAsJsonObject();
    throw new AssertionError("workspace never reached " + state + ": " + workspace.encode() + "\n" + logs.encode());
  }

  private static void awaitGone(String token, String id) {
    long deadline = System.nanoTime() + SETTLE.toNanos();
    while (platform.get("/api/v1/workspaces/" + id, token).statusCode() != 404) {
      assertThat(System.nanoTime()).as("workspace deleted within %s", SETTLE).isLessThan(deadline);
      pause();
    }
  }

  private static void awaitStep(String id, String step) {
    long deadline = System.nanoTime() + SETTLE.toNanos();
    while (true) {
      JsonObject latest = platform.get("/api/v1/workspaces/" + id + "/deployments", admin).bodyAsJsonObject()
          .getJsonArray("deployments").getJsonObject(0);
      if (step.equals(latest.getString("step"))) {
        return;
      }
      assertThat(System.nanoTime()).as("deployment reached %s", step).isLessThan(deadline);
      pause();
    }
  }

  /** The raw lines of a Server-Sent Events stream, read until the server ends it. */
  private static List<String> sse(String path, String token) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platform.port() + path))
        .header("Authorization", "Bearer " + token).timeout(SETTLE).build();
    try (Stream<String> lines = client.send(request, java.net.http.HttpResponse.BodyHandlers.ofLines()).body()) {
      return lines.toList();
    }
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
