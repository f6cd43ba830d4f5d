package io.devsanctum.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The built jar, started as its own process the way the README starts it, with a temporary data
 * directory (so a real embedded PostgreSQL) and a free port.
 */
class StandaloneJarIT {

  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
  private Path dataDir;
  private int port;
  private JarProcess jar;

  @BeforeEach
  void prepare() throws Exception {
    dataDir = Files.createTempDirectory("devsanctum-it-");
    port = JarProcess.freePort();
    jar = JarProcess.standalone(dataDir, port, Map.of());
  }

  @AfterEach
  void stop() throws InterruptedException {
    jar.stop();
  }

  @Test
  void jarServesApiDocsMetricsAndKeepsDataAcrossRestarts() throws Exception {
    Duration startup = jar.start().awaitReady(port);
    System.out.printf("standalone ready in %d ms%n", startup.toMillis());
    JsonObject readiness = new JsonObject(get("/health/ready").body());
    assertThat(readiness.getString("status")).isEqualTo("UP");
    assertThat(readiness.getJsonObject("services").fieldNames())
        .containsExactlyInAnyOrder("auth", "workspace", "provisioner", "routing", "gateway");
    assertThat(jar.log()).contains("Open http://localhost:" + port);

    HttpResponse<String> docs = get("/docs/");
    assertThat(docs.statusCode()).isEqualTo(200);
    assertThat(docs.body()).contains("swagger-ui");
    assertThat(get("/docs/swagger-ui-bundle.js").statusCode()).isEqualTo(200);

    JsonObject contract = new JsonObject(get("/openapi.json").body());
    assertThat(contract.getString("openapi")).startsWith("3.");
    assertThat(contract.getJsonObject("paths").fieldNames()).contains("/health/ready", "/api/v1/setup/first-admin");

    assertThat(get("/health/live").statusCode()).isEqualTo(200);
    String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + jar.managementPort() + "/metrics"))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
    assertThat(metrics).contains("vertx_http_server_requests_total").contains("jvm_memory_used_bytes");
    assertThat(get("/metrics").statusCode()).as("not on the public listener").isEqualTo(404);

    HttpResponse<String> invalid = post("/api/v1/setup/first-admin",
        "{\"email\":\"not-an-email\",\"username\":\"admin\",\"password\":\"correct horse\"}");
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(invalid.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonObject problem = new JsonObject(invalid.body());
    assertThat(problem.getInteger("status")).isEqualTo(400);
    assertThat(problem.getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("/email");
    assertThat(invalid.headers().firstValue("X-Request-Id")).isPresent();

    HttpResponse<String> created = post("/api/v1/setup/first-admin",
        "{\"email\":\"ada@example.com\",\"username\":\"ada\",\"password\":\"correct horse\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

    jar.stop();
    jar.start().awaitReady(port);

    assertThat(new JsonObject(get("/api/v1/setup").body()).getBoolean("firstUserRequired")).isFalse();
    HttpResponse<String> again = post("/api/v1/setup/first-admin",
        "{\"email\":\"eve@example.com\",\"username\":\"eve\",\"password\":\"correct horse\"}");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(jar.log()).doesNotContain("correct horse");
  }

  @Test
  void firstStartAfterKill9StopsTheServerTheKilledRunLeftAndItsDatabaseIsDurable() throws Exception {
    jar.start().awaitReady(port);
    assertThat(post("/api/v1/setup/first-admin",
        "{\"email\":\"ada@example.com\",\"username\":\"ada\",\"password\":\"correct horse\"}").statusCode())
        .isEqualTo(201);
    long leftOver = postmasterPid();

    jar.kill();
    assertThat(ProcessHandle.of(leftOver).filter(ProcessHandle::isAlive))
        .as("pg_ctl detaches the server, so it outlives the killed JVM").isPresent();
    Duration restart = jar.start().awaitReady(port);
    System.out.printf("first start after kill -9 ready in %d ms%n", restart.toMillis());

    assertThat(jar.log())
        .contains("found a server still running on " + dataDir.resolve("postgres") + " (pid " + leftOver)
        .contains("the server left by the earlier run (pid " + leftOver + ") stopped");
    assertThat(ProcessHandle.of(leftOver).filter(ProcessHandle::isAlive)).isEmpty();
    assertThat(new JsonObject(get("/api/v1/setup").body()).getBoolean("firstUserRequired"))
        .as("the admin acknowledged before the kill is there").isFalse();
    try (Connection db = DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + jar.embeddedDatabasePort() + "/postgres", "postgres", "postgres");
         Statement statement = db.createStatement()) {
      assertThat(setting(statement, "fsync")).isEqualTo("on");
      assertThat(setting(statement, "synchronous_commit")).isEqualTo("on");
      assertThat(setting(statement, "full_page_writes")).isEqualTo("on");
    }
  }

  private long postmasterPid() throws Exception {
    return Long.parseLong(Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid")).get(0).trim());
  }

  private static String setting(Statement statement, String name) throws Exception {
    try (ResultSet result = statement.executeQuery("SHOW " + name)) {
      result.next();
      return result.getString(1);
    }
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String json) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  @Test
  void aMistakeInAnyServicesSettingsStopsTheJarBeforeAnythingStarts() throws Exception {
    // one setting of each service that reads its own
    Map<String, String> mistakes = Map.of(
        "DEVSANCTUM_DOCKER_HOSTS", "Bad Id!",
        "DEVSANCTUM_AUTH_ACCESS_TOKEN_SECONDS", "5",
        "DEVSANCTUM_RECONCILE_INTERVAL_SECONDS", "soon",
        "DEVSANCTUM_PROXY_PROVIDER", "apache",
        "DEVSANCTUM_HTTP_IDLE_TIMEOUT_SECONDS", "-1");
    for (Map.Entry<String, String> mistake : mistakes.entrySet()) {
      Map<String, String> env = Map.of(mistake.getKey(), mistake.getValue());
      JarProcess check = new JarProcess(env, dataDir.resolve(mistake.getKey() + ".log"), "check-config").start();
      assertThat(check.awaitExit()).as("%s=%s", mistake.getKey(), mistake.getValue()).isEqualTo(2);
      assertThat(check.log()).contains(mistake.getKey()).doesNotContain("Exception");
    }

    Map<String, String> badHosts = Map.of("DEVSANCTUM_DOCKER_HOSTS", "Bad Id!");
    JarProcess start = JarProcess.standalone(dataDir, port, badHosts).start();
    assertThat(start.awaitExit()).isEqualTo(2);
    assertThat(start.log()).contains("DEVSANCTUM_DOCKER_HOSTS").doesNotContain("embedded PostgreSQL started");

    JarProcess valid = new JarProcess(Map.of(), dataDir.resolve("valid.log"), "check-config").start();
    assertThat(valid.awaitExit()).isZero();
  }
}
