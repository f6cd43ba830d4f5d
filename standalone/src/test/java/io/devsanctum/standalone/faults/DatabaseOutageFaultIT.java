package io.devsanctum.standalone.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.devsanctum.standalone.JarProcess;
import io.devsanctum.standalone.api.Docker;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DevSanctum (the jar) on a real PostgreSQL from Debian's package, under a steady load of lists,
 * reads, sign-ins, creates and stops, while the database is restarted and then stopped for 20 s:
 * every request that needs it answers 503 with Retry-After (never 500), the log tells each outage
 * once, DevSanctum serves again when the database is back without being restarted, and nothing
 * acknowledged is lost; a deployment caught by the outage says so in its log.
 */
class DatabaseOutageFaultIT {

  private static final Duration OUTAGE = Duration.ofSeconds(20);
  private static final Duration SETTLE = Duration.ofSeconds(60);
  private static final String PASSWORD = "correct horse battery";

  /** One answered request: in which phase it was sent, what it was, what came back. */
  record Result(String phase, String operation, int status, boolean retryAfter, boolean problemJson) {
  }

  private DebianPostgres postgres;
  private Path dataDir;
  private int port;
  private String hostId;
  private JarProcess jar;
  private HttpApi api;
  private String apiToken;
  private String accessToken;
  private String template;
  private volatile String phase = "steady";
  private volatile boolean loading = true;
  private final List<Result> results = new CopyOnWriteArrayList<>();
  /** Workspaces whose create answered 201, and those whose stop answered 202. */
  private final Set<String> created = ConcurrentHashMap.newKeySet();
  private final Set<String> stopped = ConcurrentHashMap.newKeySet();
  private final AtomicInteger names = new AtomicInteger();

  @BeforeEach
  void start() throws Exception {
    Docker.buildMinimalImage();
    postgres = DebianPostgres.startScratchCluster();
    dataDir = Files.createTempDirectory("devsanctum-db-outage-");
    port = JarProcess.freePort();
    hostId = "test-dbout-" + UUID.randomUUID().toString().substring(0, 8);
    jar = JarProcess.standalone(dataDir, port, Map.of(
        "DEVSANCTUM_DATABASE_URL", postgres.url(),
        "DEVSANCTUM_DOCKER_HOSTS", hostId + "=unix:///var/run/docker.sock",
        "DEVSANCTUM_SEED_TEMPLATES", "false"));
    jar.start().awaitReady(port);
    api = new HttpApi(port);
    apiToken = api.firstAdminToken("root", PASSWORD);
    accessToken = signIn().json().getString("accessToken");
    template = api.minimalTemplate(apiToken, "minimal", new JsonObject());
  }

  @AfterEach
  void stop() throws Exception {
    loading = false;
    jar.stop();
    Docker.removeResourcesOf(hostId);
    FaultReports.keepLog("database-outage", jar.logFile());
    FaultReports.delete(dataDir);
    postgres.close();
  }

  @Test
  void aDatabaseRestartAndA20SecondOutageAnswer503WithRetryAfterAndLoseNothing() throws Exception {
    long pid = jar.pid();
    List<Thread> load = List.of(loader(0), loader(1), loader(2));
    load.forEach(Thread::start);
    Thread.sleep(5_000);

    phase = "restart";
    postgres.restart();
    Thread.sleep(3_000);

    // a deployment under way when the database goes: its app takes a few seconds to answer
    String slow = api.minimalTemplate(apiToken, "slow", new JsonObject()
        .put("entrypoint", new JsonArray().add("/bin/sh").add("-c"))
        .put("command", new JsonArray().add("sleep 4; exec /bin/sh /usr/local/bin/workspace-start")));
    String caught = HttpApi.expect(201, api.post("/api/v1/workspaces", apiToken,
        new JsonObject().put("templateId", slow).put("name", "caught"))).json().getString("id");
    created.add(caught);
    Thread.sleep(1_000);
    postgres.stop();
    // only once the server is gone: a request answered while it was still stopping is no outage
    phase = "down";
    Thread.sleep(OUTAGE.toMillis());
    phase = "back";
    postgres.start();
    Thread.sleep(8_000);
    phase = "after";
    Thread.sleep(5_000);
    loading = false;
    for (Thread thread : load) {
      thread.join();
    }

    String figures = figures();
    System.out.println(figures);
    FaultReports.write("database-outage.txt", figures);
    assertThat(jar.alive() && jar.pid() == pid).as("DevSanctum served on without a restart").isTrue();
    assertThat(results).as("no 500 (or other 5xx but 503), ever")
        .noneMatch(r -> r.status() >= 500 && r.status() != 503);
    assertThat(results).filteredOn(r -> r.status() == 503).as("every 503 says when to retry, as problem+json")
        .allMatch(r -> r.retryAfter() && r.problemJson());
    assertThat(results).filteredOn(r -> r.phase().equals("down")).extracting(Result::status)
        .as("the outage is answered 503").contains(503).allMatch(status -> status == 503);
    assertThat(results).filteredOn(r -> r.phase().equals("after")).as("served again once the database is back")
        .isNotEmpty().allMatch(r -> r.status() / 100 == 2 || r.status() == 409);

    // nothing acknowledged is lost: every created workspace is there and runs, every stopped one stopped
    for (String id : created) {
      awaitState(id, stopped.contains(id) ? "STOPPED" : "RUNNING");
    }
    JsonArray logs = api.get("/api/v1/workspaces/" + caught + "/deployments/1/logs", apiToken).json()
        .getJsonArray("lines");
    assertThat(logs.encode()).as("the deployment the outage caught says so").contains("continuing after an outage of")
        .contains("the database was unreachable");

    String log = jar.log();
    List<String> warnings = log.lines().filter(line -> line.contains(" WARN ")).toList();
    List<String> outageWarnings = warnings.stream().filter(line -> line.contains("the database is unavailable")).toList();
    assertThat(outageWarnings).as("one WARN per outage (the restart may pass between two requests)").hasSizeBetween(1, 2);
    assertThat(count(log, "the database is available again")).as("one INFO as each outage ends")
        .isEqualTo(outageWarnings.size());
    assertThat(warnings).as("no WARN but the outages'").allMatch(line -> line.contains("the database is unavailable"));
    assertThat(log.lines().filter(line -> line.contains(" ERROR ")).toList()).as("errors in the log").isEmpty();
  }

  /** A client looping over list, read, sign-in and (for two of them) create and stop, until told to end. */
  private Thread loader(int index) {
    return new Thread(() -> {
      for (int round = 0; loading; round++) {
        String token = index == 0 ? apiToken : accessToken;
        record("list", () -> api.get("/api/v1/workspaces", token));
        String known = created.stream().findAny().orElse(null);
        if (known != null) {
          record("get", () -> api.get("/api/v1/workspaces/" + known, token));
        }
        if (round % 4 == index) {
          record("sign-in", this::signIn);
        }
        if (index == 1 && round % 5 == 0) {
          String name = "load-" + names.incrementAndGet();
          HttpApi.Reply reply = record("create", () -> api.post("/api/v1/workspaces", token,
              new JsonObject().put("templateId", template).put("name", name)));
          if (reply != null && reply.status() == 201) {
            created.add(reply.json().getString("id"));
          }
        }
        if (index == 2 && round % 7 == 6) {
          List<String> running = created.stream().filter(id -> !stopped.contains(id)).toList();
          if (!running.isEmpty()) {
            String id = running.get(ThreadLocalRandom.current().nextInt(running.size()));
            HttpApi.Reply reply = record("stop", () -> api.post("/api/v1/workspaces/" + id + "/stop", token, null));
            if (reply != null && reply.status() == 202) {
              stopped.add(id);
            }
          }
        }
        pause(50);
      }
    }, "load-" + index);
  }

  private HttpApi.Reply record(String operation, FaultCall call) {
    String sentIn = phase;
    try {
      HttpApi.Reply reply = call.run();
      results.add(new Result(sentIn, operation, reply.status(), reply.headers().firstValue("Retry-After").isPresent(),
          reply.hasProblemJson()));
      return reply;
    } catch (Exception e) {
      results.add(new Result(sentIn, operation, 0, false, false)); // no answer at all
      return null;
    }
  }

  @FunctionalInterface
  private interface FaultCall {
    HttpApi.Reply run() throws Exception;
  }

  private HttpApi.Reply signIn() throws Exception {
    return api.post("/api/v1/auth/sign-in", null, new JsonObject().put("login", "root").put("password", PASSWORD));
  }

  private void awaitState(String id, String state) throws Exception {
    long deadline = System.nanoTime() + SETTLE.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      HttpApi.Reply reply = api.get("/api/v1/workspaces/" + id, apiToken);
      assertThat(reply.status()).as("workspace %s, acknowledged, is still there", id).isEqualTo(200);
      last = reply.json().getString("state");
      if (state.equals(last)) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("workspace " + id + " stayed " + last + " instead of " + state);
  }

  private String figures() throws Exception {
    StringBuilder out = new StringBuilder("database outage (PostgreSQL restarted, then stopped for "
        + OUTAGE.toSeconds() + " s), requests by phase and status (0: no answer):\n");
    Map<String, Map<Integer, Long>> byPhase = new TreeMap<>();
    for (Result result : results) {
      byPhase.computeIfAbsent(result.phase(), p -> new TreeMap<>()).merge(result.status(), 1L, Long::sum);
    }
    for (String phaseName : List.of("steady", "restart", "down", "back", "after")) {
      out.append(String.format("  %-8s %s%n", phaseName, byPhase.getOrDefault(phaseName, Map.of())));
    }
    Map<String, Long> downByOperation = results.stream().filter(r -> r.phase().equals("down"))
        .collect(Collectors.groupingBy(r -> r.operation() + " " + r.status(), TreeMap::new, Collectors.counting()));
    out.append("  during the outage, by operation: ").append(downByOperation).append('\n');
    String log = jar.log();
    out.append(String.format("  WARN lines: %d in all, %d of them 'the database is unavailable'; ERROR lines: %d%n",
        count(log, " WARN "), count(log, "the database is unavailable"), count(log, " ERROR ")));
    out.append(String.format("  workspaces created (201): %d, stopped (202): %d; all found in their state after%n",
        created.size(), stopped.size()));
    return out.toString();
  }

  private static long count(String text, String what) {
    return text.lines().filter(line -> line.contains(what)).count();
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
