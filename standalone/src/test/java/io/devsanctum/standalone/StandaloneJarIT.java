package io.devsanctum.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The built jar, started as its own process the way the README starts it, with a temporary data
 * directory (so a real embedded PostgreSQL) and a free port.
 */
class StandaloneJarIT {

  private static final Duration READY_WITHIN = Duration.ofSeconds(90);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private Path dataDir;
  private Path log;
  private int port;
  private int managementPort;
  private Process process;

  @BeforeEach
  void prepare() throws IOException {
    dataDir = Files.createTempDirectory("devsanctum-it-");
    log = dataDir.resolve("devsanctum.log");
    try (ServerSocket socket = new ServerSocket(0); ServerSocket management = new ServerSocket(0)) {
      port = socket.getLocalPort();
      managementPort = management.getLocalPort();
    }
  }

  @AfterEach
  void stop() throws InterruptedException {
    stopProcess();
  }

  @Test
  void jarServesApiDocsMetricsAndKeepsDataAcrossRestarts() throws Exception {
    long startedAt = start();
    HttpResponse<String> ready = awaitReady();
    System.out.printf("standalone ready in %d ms%n", (System.nanoTime() - startedAt) / 1_000_000);
    JsonObject readiness = new JsonObject(ready.body());
    assertThat(readiness.getString("status")).isEqualTo("UP");
    assertThat(readiness.getJsonObject("services").fieldNames())
        .containsExactlyInAnyOrder("auth", "workspace", "provisioner", "routing", "gateway");
    assertThat(Files.readString(log)).contains("Open http://localhost:" + port);

    HttpResponse<String> docs = get("/docs/");
    assertThat(docs.statusCode()).isEqualTo(200);
    assertThat(docs.body()).contains("swagger-ui");
    assertThat(get("/docs/swagger-ui-bundle.js").statusCode()).isEqualTo(200);

    JsonObject contract = new JsonObject(get("/openapi.json").body());
    assertThat(contract.getString("openapi")).startsWith("3.");
    assertThat(contract.getJsonObject("paths").fieldNames()).contains("/health/ready", "/api/v1/setup/first-admin");

    assertThat(get("/health/live").statusCode()).isEqualTo(200);
    String metrics = get(URI.create("http://127.0.0.1:" + managementPort + "/metrics")).body();
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

    stopProcess();
    start();
    awaitReady();

    assertThat(new JsonObject(get("/api/v1/setup").body()).getBoolean("firstUserRequired")).isFalse();
    HttpResponse<String> again = post("/api/v1/setup/first-admin",
        "{\"email\":\"eve@example.com\",\"username\":\"eve\",\"password\":\"correct horse\"}");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(Files.readString(log)).doesNotContain("correct horse");
  }

  private long start() throws IOException {
    String jar = System.getProperty("devsanctum.jar", "target/devsanctum.jar");
    ProcessBuilder builder = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().put("DEVSANCTUM_DATA_DIR", dataDir.toString());
    builder.environment().put("DEVSANCTUM_HTTP_PORT", Integer.toString(port));
    builder.environment().put("DEVSANCTUM_HTTP_HOST", "127.0.0.1");
    builder.environment().put("DEVSANCTUM_MANAGEMENT_PORT", Integer.toString(managementPort));
    builder.environment().remove("DEVSANCTUM_DATABASE_URL");
    long startedAt = System.nanoTime();
    process = builder.start();
    return startedAt;
  }

  private void stopProcess() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  private HttpResponse<String> awaitReady() throws Exception {
    long deadline = System.nanoTime() + READY_WITHIN.toNanos();
    while (System.nanoTime() < deadline) {
      assertThat(process.isAlive()).as("process alive; log:%n%s", Files.readString(log)).isTrue();
      try {
        HttpResponse<String> response = get("/health/ready");
        if (response.statusCode() == 200) {
          return response;
        }
      } catch (IOException notListeningYet) {
        // keep polling until the bound
      }
      Thread.sleep(250);
    }
    throw new AssertionError("not ready within " + READY_WITHIN + "; log:\n" + Files.readString(log));
  }

  private HttpResponse<String> get(String path) throws Exception {
    return get(uri(path));
  }

  private HttpResponse<String> get(URI uri) throws Exception {
    return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
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
}
