package io.devsanctum.standalone.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.devsanctum.auth.AuthVerticle;
import io.devsanctum.common.config.ClusterConfig;
import io.devsanctum.common.config.DatabaseConfig;
import io.devsanctum.common.config.DevSanctumConfig;
import io.devsanctum.common.config.Env;
import io.devsanctum.common.runtime.VertxFactory;
import io.devsanctum.common.runtime.VertxRuntime;
import io.devsanctum.common.testkit.TestDatabase;
import io.devsanctum.gateway.GatewayVerticle;
import io.devsanctum.provisioner.ProvisionerVerticle;
import io.devsanctum.routing.RoutingVerticle;
import io.devsanctum.standalone.JarProcess;
import io.devsanctum.standalone.api.Docker;
import io.vertx.core.Deployable;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cluster mode with two workspace-service instances, each the jar as its own process, the other
 * services as members in this JVM: the instance driving a deployment is killed with SIGKILL in the
 * middle of it, and the other instance finishes it; reads sent through the gateway meanwhile are
 * all answered, those that reached the dead member retried on the live one.
 */
class ClusterTakeoverFaultIT {

  private static final Duration SETTLE = Duration.ofSeconds(60);
  private static final Pattern IDENTITY = Pattern.compile("workspace runs as instance (\\S+)");

  /** One read sent through the gateway while the cluster loses a member. */
  record Read(long sentAtNanos, int status, long millis) {
  }

  private final List<VertxRuntime> members = new ArrayList<>();
  private final List<JarProcess> workspaceServices = new ArrayList<>();
  private final List<Path> dataDirs = new ArrayList<>();
  private final List<Read> reads = new CopyOnWriteArrayList<>();
  private DatabaseConfig database;
  private String hostId;
  private HttpApi api;
  private volatile boolean reading = true;

  @BeforeEach
  void startCluster() throws Exception {
    Docker.buildMinimalImage();
    database = TestDatabase.freshDatabase();
    hostId = "test-cluster-" + UUID.randomUUID().toString().substring(0, 8);
    int basePort = 20000 + ThreadLocalRandom.current().nextInt(20000);
    ClusterConfig cluster = new ClusterConfig("devsanctum-takeover-" + UUID.randomUUID(), "127.0.0.1", basePort,
        List.of("127.0.0.1"));
    DevSanctumConfig config = DevSanctumConfig.from(new Env(Map.of(
            "DEVSANCTUM_HTTP_PORT", "0", "DEVSANCTUM_HTTP_HOST", "127.0.0.1", "DEVSANCTUM_SSH_PORT", "0",
            "DEVSANCTUM_DOCKER_HOSTS", hostId + "=unix:///var/run/docker.sock")))
        .withDatabase(database)
        .withCluster(cluster);
    member(config, runtime -> new AuthVerticle(config, runtime.meterRegistry()));
    member(config, runtime -> new ProvisionerVerticle(config, runtime.meterRegistry()));
    member(config, runtime -> new RoutingVerticle(config, runtime.meterRegistry()));
    VertxRuntime gatewayMember = VertxFactory.clustered(cluster).await();
    members.add(gatewayMember);
    GatewayVerticle gateway = new GatewayVerticle(config, gatewayMember.meterRegistry());
    gatewayMember.vertx().deployVerticle(gateway).await();

    for (int i = 0; i < 2; i++) {
      Path dataDir = Files.createTempDirectory("devsanctum-cluster-workspace-");
      dataDirs.add(dataDir);
      Map<String, String> env = new HashMap<>();
      env.put("DEVSANCTUM_DATABASE_URL", database.url());
      env.put("DEVSANCTUM_CLUSTER_NAME", cluster.name());
      env.put("DEVSANCTUM_CLUSTER_PORT", Integer.toString(basePort));
      env.put("DEVSANCTUM_CLUSTER_MEMBERS", "127.0.0.1");
      env.put("DEVSANCTUM_DATA_DIR", dataDir.toString());
      env.put("DEVSANCTUM_SEED_TEMPLATES", "false");
      workspaceServices.add(new JarProcess(env, dataDir.resolve("workspace.log"), "service", "workspace").start());
    }
    for (JarProcess service : workspaceServices) {
      service.awaitLog("workspace joined cluster");
    }
    api = new HttpApi(gateway.actualPort());
    awaitReady();
  }

  @AfterEach
  void stopCluster() throws Exception {
    reading = false;
    for (int i = 0; i < workspaceServices.size(); i++) {
      workspaceServices.get(i).stop();
      FaultReports.keepLog("cluster-workspace-" + (i + 1), workspaceServices.get(i).logFile());
    }
    members.forEach(member -> member.vertx().close().await());
    Docker.removeResourcesOf(hostId);
    for (Path dataDir : dataDirs) {
      FaultReports.delete(dataDir);
    }
  }

  @Test
  void theSurvivingInstanceFinishesTheDeploymentOfTheOneKilledDrivingItAndNoReadIsLost() throws Exception {
    String token = api.firstAdminToken("root", "correct horse battery");
    String slow = api.minimalTemplate(token, "slow", new JsonObject()
        .put("entrypoint", new JsonArray().add("/bin/sh").add("-c"))
        .put("command", new JsonArray().add("sleep 4; exec /bin/sh /usr/local/bin/workspace-start")));
    Thread reader = new Thread(() -> readContinuously(token), "reader");
    reader.start();
    String id = HttpApi.expect(201, api.post("/api/v1/workspaces", token,
        new JsonObject().put("templateId", slow).put("name", "taken-over"))).json().getString("id");

    String driver = awaitDriverAt(id, "WAIT_HEALTHY");
    JarProcess killed = workspaceServices.stream().filter(service -> identity(service).equals(driver)).findFirst()
        .orElseThrow(() -> new AssertionError("no workspace-service runs as " + driver));
    JarProcess survivor = workspaceServices.stream().filter(service -> service != killed).findFirst().orElseThrow();
    long killedAt = System.nanoTime();
    killed.kill();

    long deadline = killedAt + SETTLE.toNanos();
    while (!"RUNNING".equals(api.get("/api/v1/workspaces/" + id, token).json().getString("state"))) {
      assertThat(System.nanoTime()).as("the surviving instance finishes the deployment").isLessThan(deadline);
      Thread.sleep(100);
    }
    long takenOverMs = (System.nanoTime() - killedAt) / 1_000_000;
    Thread.sleep(5_000); // reads go on a little after
    reading = false;
    reader.join();

    JsonObject logs = api.get("/api/v1/workspaces/" + id + "/deployments/1/logs", token).json();
    assertThat(logs.getJsonObject("deployment").getString("status")).isEqualTo("SUCCEEDED");
    assertThat(logs.getJsonArray("lines").encode())
        .contains("taking over deployment #1 (start) at step wait-healthy from instance " + driver);
    assertThat(survivor.log()).contains("resuming deployment #1 of workspace " + id);
    List<Read> afterKill = reads.stream().filter(read -> read.sentAtNanos() >= killedAt).toList();
    String figures = figures(takenOverMs, afterKill);
    System.out.println(figures);
    FaultReports.write("cluster-takeover.txt", figures);
    assertThat(afterKill).as("reads sent after the kill").isNotEmpty()
        .as("every read is answered, those that met the dead member retried on the live one")
        .allMatch(read -> read.status() == 200);
  }

  private void member(DevSanctumConfig config, Function<VertxRuntime, Deployable> verticle) {
    VertxRuntime member = VertxFactory.clustered(config.cluster()).await();
    members.add(member);
    member.vertx().deployVerticle(verticle.apply(member)).await();
  }

  private void awaitReady() throws Exception {
    long deadline = System.nanoTime() + SETTLE.toNanos();
    HttpApi.Reply ready;
    while ((ready = api.get("/health/ready", null)).status() != 200) {
      assertThat(System.nanoTime()).as("cluster ready: %s", ready.body()).isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  /** Waits until the deployment is at {@code step}: the identity of the instance driving it. */
  private String awaitDriverAt(String workspaceId, String step) throws Exception {
    try (Connection db = DriverManager.getConnection(database.jdbcUrl(), "postgres", "postgres");
         PreparedStatement query = db.prepareStatement(
             "SELECT claimed_by, step FROM workspace.deployments WHERE workspace_id = ?::uuid AND number = 1")) {
      query.setString(1, workspaceId);
      long deadline = System.nanoTime() + SETTLE.toNanos();
      while (System.nanoTime() < deadline) {
        try (ResultSet row = query.executeQuery()) {
          if (row.next() && step.equals(row.getString(2)) && row.getString(1) != null) {
            return row.getString(1);
          }
        }
        Thread.sleep(20);
      }
    }
    throw new AssertionError("the deployment never reached " + step);
  }

  private void readContinuously(String token) {
    while (reading) {
      long sent = System.nanoTime();
      int status;
      try {
        status = api.get("/api/v1/workspaces", token).status();
      } catch (Exception e) {
        status = 0;
      }
      reads.add(new Read(sent, status, (System.nanoTime() - sent) / 1_000_000));
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private static String identity(JarProcess service) {
    try {
      Matcher matcher = IDENTITY.matcher(service.log());
      if (!matcher.find()) {
        throw new AssertionError("a workspace-service did not log its identity");
      }
      return matcher.group(1);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String figures(long takenOverMs, List<Read> afterKill) {
    Map<Integer, Long> byStatus = new TreeMap<>();
    afterKill.forEach(read -> byStatus.merge(read.status(), 1L, Long::sum));
    long slowest = afterKill.stream().mapToLong(Read::millis).max().orElse(0);
    long retried = afterKill.stream().filter(read -> read.millis() >= 1000).count();
    return String.format("cluster takeover: kill -9 of the workspace-service driving a deployment -> RUNNING, finished by"
            + " the other instance, after %d ms%n  reads after the kill: %d, by status %s; %d took a retry (>= 1 s),"
            + " slowest %d ms%n", takenOverMs, afterKill.size(), byStatus, retried, slowest);
  }
}
