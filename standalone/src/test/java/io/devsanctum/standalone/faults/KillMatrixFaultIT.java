package io.devsanctum.standalone.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.devsanctum.standalone.JarProcess;
import io.devsanctum.standalone.api.Docker;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The standalone jar killed with SIGKILL at every durable step of every kind of deployment (create,
 * start, stop, delete, and both halves of a restart), then started once: the first start after the
 * kill comes up, every workspace reaches the state its user asked for, and nothing is left behind,
 * doubled or stuck. The kill is timed by the deployment's own durable progress, read from the
 * database as the jar writes it, so it lands while that step runs.
 */
class KillMatrixFaultIT {

  private static final Duration SETTLE = Duration.ofSeconds(60);
  /** A kill that came too late for its step (the step was quicker than the poll) is tried again. */
  private static final int ATTEMPTS = 3;
  private static final Map<String, List<String>> STEPS = Map.of(
      "START", List.of("PLACE", "ENSURE_VOLUME", "ENSURE_NETWORK", "ENSURE_CONTAINER", "START_CONTAINER",
          "WAIT_HEALTHY", "REGISTER_ROUTE"),
      "STOP", List.of("DEREGISTER_ROUTE", "STOP_CONTAINER"),
      "DELETE", List.of("DEREGISTER_ROUTE", "REMOVE_RESOURCES"));

  /** Where a kill lands: the user's action, which of its deployments (1 is a restart's start half), which step. */
  record KillPoint(String action, int half, String transition, String step) {

    String label() {
      return action + (action.equals("restart") ? (half == 0 ? "/stop-half" : "/start-half") : "") + " @ " + step;
    }
  }

  /** One kill and what followed it. */
  record Round(KillPoint point, String killedAt, long killToFinalMs, long readyToFinalMs, long startupMs,
      String resumeLine) {
  }

  private Path dataDir;
  private int port;
  private String hostId;
  private JarProcess jar;
  private HttpApi api;
  private String token;
  private String template;
  private int names;
  /** Every workspace that exists, and the state it is in. */
  private final Map<String, String> states = new LinkedHashMap<>();
  private final Map<String, String> idsByName = new LinkedHashMap<>();

  @BeforeEach
  void startJar() throws Exception {
    Docker.buildMinimalImage();
    dataDir = Files.createTempDirectory("devsanctum-kill-matrix-");
    port = JarProcess.freePort();
    hostId = "test-kill-" + UUID.randomUUID().toString().substring(0, 8);
    jar = JarProcess.standalone(dataDir, port, Map.of(
        "DEVSANCTUM_DOCKER_HOSTS", hostId + "=unix:///var/run/docker.sock",
        "DEVSANCTUM_SEED_TEMPLATES", "false"));
    jar.start().awaitReady(port);
    api = new HttpApi(port);
    token = api.firstAdminToken("root", "correct horse battery");
    template = api.minimalTemplate(token, "minimal", new JsonObject());
  }

  @AfterEach
  void stopJar() throws Exception {
    jar.stop();
    Docker.removeResourcesOf(hostId);
    FaultReports.keepLog("kill-matrix", jar.logFile());
    FaultReports.delete(dataDir);
  }

  /** Longer than the suite's ten minutes: some 27 kill points, each up to three restarts of the jar (8.5 min seen under load). */
  @Test
  @Timeout(value = 20, unit = TimeUnit.MINUTES)
  void aKillAtEveryStepOfEveryDeploymentIsRecoveredByTheFirstRestartLeavingNothingBehind() throws Exception {
    List<Round> rounds = new ArrayList<>();
    List<KillPoint> missed = new ArrayList<>();
    for (KillPoint point : matrix()) {
      Round round = null;
      for (int attempt = 0; attempt < ATTEMPTS && (round == null || !round.killedAt().equals(point.step())); attempt++) {
        round = round(point);
        rounds.add(round);
      }
      if (!round.killedAt().equals(point.step())) {
        missed.add(point);
      }
    }

    String figures = figures(rounds);
    System.out.println(figures);
    FaultReports.write("kill-matrix.txt", figures);
    assertThat(missed).as("kill points never hit").isEmpty();
    assertThat(rounds).extracting(Round::resumeLine)
        .as("every interrupted deployment was taken back by the restarted instance, none waited out a lease")
        .noneMatch(line -> line.startsWith("taking over"));
    assertNothingLeftDoubledOrStuck();
    String log = jar.log();
    assertThat(count(log, "found a server still running")).as("each first start found the server its kill left")
        .isEqualTo(rounds.size());
    assertThat(log).doesNotContain("Gave up waiting for server to start");
    assertThat(log.lines().filter(line -> line.contains(" ERROR ")).toList()).as("errors in the log").isEmpty();
  }

  private static List<KillPoint> matrix() {
    List<KillPoint> points = new ArrayList<>();
    STEPS.get("START").forEach(step -> points.add(new KillPoint("create", 0, "START", step)));
    STEPS.get("STOP").forEach(step -> points.add(new KillPoint("stop", 0, "STOP", step)));
    STEPS.get("START").forEach(step -> points.add(new KillPoint("start", 0, "START", step)));
    STEPS.get("STOP").forEach(step -> points.add(new KillPoint("restart", 0, "STOP", step)));
    STEPS.get("START").forEach(step -> points.add(new KillPoint("restart", 1, "START", step)));
    STEPS.get("DELETE").forEach(step -> points.add(new KillPoint("delete", 0, "DELETE", step)));
    return points;
  }

  /** Acts, kills the jar while the deployment is at the point's step, starts it again, waits for the outcome. */
  private Round round(KillPoint point) throws Exception {
    String name;
    int before;
    CompletableFuture<?> action;
    if (point.action().equals("create")) {
      name = "ws-" + ++names;
      before = 0;
      action = async(() -> api.post("/api/v1/workspaces", token,
          new JsonObject().put("templateId", template).put("name", name)));
    } else {
      String id = workspaceIn(point.action().equals("start") ? "STOPPED" : "RUNNING");
      name = nameOf(id);
      before = deployments(id).size();
      String method = point.action().equals("delete") ? "DELETE" : "POST";
      String path = "/api/v1/workspaces/" + id + (point.action().equals("delete") ? "" : "/" + point.action());
      action = async(() -> api.send(method, path, token, null));
    }
    int number = before + 1 + point.half();
    String killedAt = killWhenAt(name, number, point);
    long killed = System.nanoTime();
    action.handle((done, cut) -> null).join(); // the reply may have been cut by the kill
    String id = idsByName.get(name);

    Duration startup = jar.start().awaitReady(port);
    long ready = System.nanoTime();
    awaitOutcome(point.action(), id, before);
    long settled = System.nanoTime();
    return new Round(point, killedAt, (settled - killed) / 1_000_000, (settled - ready) / 1_000_000,
        startup.toMillis(), resumeLine(id, number));
  }

  /**
   * Polls the deployment's durable progress and kills the jar as soon as it is at the point's step
   * (or, when the step was over before the poll saw it, at once); the step the kill left recorded.
   */
  private String killWhenAt(String name, int number, KillPoint point) throws Exception {
    try (Connection db = database();
         PreparedStatement progress = db.prepareStatement("""
             SELECT w.id, d.step, d.status FROM workspace.deployments d
               JOIN workspace.workspaces w ON w.id = d.workspace_id
              WHERE w.name = ? AND d.number = ?""")) {
      progress.setString(1, name);
      progress.setInt(2, number);
      List<String> steps = STEPS.get(point.transition());
      long deadline = System.nanoTime() + SETTLE.toNanos();
      while (true) {
        try (ResultSet row = progress.executeQuery()) {
          if (row.next()) {
            idsByName.put(name, row.getString(1));
            boolean active = Set.of("PENDING", "RUNNING").contains(row.getString(3));
            int at = steps.indexOf(row.getString(2));
            if (!active || at >= steps.indexOf(point.step())) {
              jar.kill();
              break;
            }
          }
        }
        assertThat(System.nanoTime()).as("deployment #%d of %s reached %s", number, name, point.label())
            .isLessThan(deadline);
        LockSupport.parkNanos(200_000);
      }
      try (ResultSet row = progress.executeQuery()) {
        row.next();
        return Set.of("PENDING", "RUNNING").contains(row.getString(3)) ? row.getString(2) : "after " + row.getString(3);
      }
    }
  }

  /** Waits until the workspace is where the user's action meant it to be, its deployments all succeeded. */
  private void awaitOutcome(String action, String id, int before) throws Exception {
    long deadline = System.nanoTime() + SETTLE.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      HttpApi.Reply workspace = api.get("/api/v1/workspaces/" + id, token);
      if (action.equals("delete")) {
        if (workspace.status() == 404) {
          states.remove(id);
          return;
        }
      } else if (workspace.status() == 200) {
        String wanted = action.equals("stop") ? "STOPPED" : "RUNNING";
        int expected = before + (action.equals("restart") ? 2 : 1);
        List<JsonObject> deployments = deployments(id);
        boolean succeeded = deployments.stream().limit(expected - before)
            .allMatch(d -> "SUCCEEDED".equals(d.getString("status")));
        if (wanted.equals(workspace.json().getString("state")) && deployments.size() == expected && succeeded) {
          states.put(id, wanted);
          return;
        }
        last = workspace.body() + " " + deployments;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(action + " of " + id + " did not settle within " + SETTLE + ": " + last);
  }

  /** The line the interrupted deployment's log got when the restarted jar took it up. */
  private String resumeLine(String id, int number) throws Exception {
    try (Connection db = database();
         PreparedStatement lines = db.prepareStatement("""
             SELECT message FROM workspace.deployment_logs
              WHERE workspace_id = ?::uuid AND deployment_number = ?
                AND (message LIKE 'resuming %' OR message LIKE 'taking over %' OR message LIKE '% started on %')
              ORDER BY line_number DESC LIMIT 1""")) {
      lines.setString(1, id);
      lines.setInt(2, number);
      try (ResultSet row = lines.executeQuery()) {
        return row.next() ? row.getString(1) : "(no start line)";
      }
    }
  }

  private void assertNothingLeftDoubledOrStuck() throws Exception {
    JsonArray listed = api.get("/api/v1/workspaces", token).json().getJsonArray("workspaces");
    Set<String> live = listed.stream().map(w -> ((JsonObject) w).getString("id")).collect(Collectors.toSet());
    assertThat(live).as("the workspaces that exist are those no kill was meant to delete").isEqualTo(states.keySet());
    for (String id : live) {
      assertThat(deployments(id)).as("deployments of %s: none stuck, none failed", id)
          .allMatch(d -> "SUCCEEDED".equals(d.getString("status")));
    }
    Set<String> owners = listed.stream().map(w -> ((JsonObject) w).getString("ownerId")).collect(Collectors.toSet());
    DockerInventory.of(hostId).assertMatches(live, owners);
  }

  /** A workspace in {@code state}, made so when none is. */
  private String workspaceIn(String state) throws Exception {
    for (var entry : states.entrySet()) {
      if (entry.getValue().equals(state)) {
        return entry.getKey();
      }
    }
    String id = state.equals("RUNNING") ? create() : workspaceIn("RUNNING");
    if (state.equals("STOPPED")) {
      HttpApi.expect(202, api.post("/api/v1/workspaces/" + id + "/stop", token, null));
    }
    awaitState(id, state);
    states.put(id, state);
    return id;
  }

  private String create() throws Exception {
    String name = "ws-" + ++names;
    String id = HttpApi.expect(201, api.post("/api/v1/workspaces", token,
        new JsonObject().put("templateId", template).put("name", name))).json().getString("id");
    idsByName.put(name, id);
    return id;
  }

  private void awaitState(String id, String state) throws Exception {
    long deadline = System.nanoTime() + SETTLE.toNanos();
    while (!state.equals(api.get("/api/v1/workspaces/" + id, token).json().getString("state"))) {
      assertThat(System.nanoTime()).as("%s reaches %s", id, state).isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  private List<JsonObject> deployments(String id) throws Exception {
    return api.get("/api/v1/workspaces/" + id + "/deployments", token).json().getJsonArray("deployments").stream()
        .map(JsonObject.class::cast).toList();
  }

  private String nameOf(String id) {
    return idsByName.entrySet().stream().filter(e -> e.getValue().equals(id)).findFirst().orElseThrow().getKey();
  }

  private Connection database() throws Exception {
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + jar.embeddedDatabasePort() + "/postgres",
        "postgres", "postgres");
  }

  private static CompletableFuture<?> async(FaultReports.Call call) {
    return CompletableFuture.runAsync(() -> {
      try {
        call.run();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private static String figures(List<Round> rounds) {
    List<Long> killToFinal = rounds.stream().map(Round::killToFinalMs).sorted().toList();
    List<Long> readyToFinal = rounds.stream().map(Round::readyToFinalMs).sorted().toList();
    List<Long> startups = rounds.stream().map(Round::startupMs).sorted().toList();
    StringBuilder out = new StringBuilder();
    out.append(String.format("kill matrix: %d kill points, %d kills (SIGKILL), %d recovered by the first restart%n",
        matrix().size(), rounds.size(), rounds.size()));
    out.append(String.format("  kill -> final state: median %d ms, max %d ms%n", median(killToFinal), max(killToFinal)));
    out.append(String.format("  ready -> final state: median %d ms, max %d ms%n", median(readyToFinal), max(readyToFinal)));
    out.append(String.format("  restart -> ready: median %d ms, max %d ms%n", median(startups), max(startups)));
    for (Round round : rounds) {
      out.append(String.format("  %-32s killed at %-16s kill->final %5d ms, ready->final %5d ms | %s%n",
          round.point().label(), round.killedAt(), round.killToFinalMs(), round.readyToFinalMs(), round.resumeLine()));
    }
    return out.toString();
  }

  private static long median(List<Long> sorted) {
    return sorted.get(sorted.size() / 2);
  }

  private static long max(List<Long> sorted) {
    return sorted.get(sorted.size() - 1);
  }

  private static long count(String text, String what) {
    return text.lines().filter(line -> line.contains(what)).count();
  }
}
