package io.devsanctum.standalone.api;

import io.vertx.core.json.JsonArray;
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

/**
 * A real Caddy (Debian's package, scripts/ensure-caddy.sh) started from the configuration
 * docs/operations.md gives an operator: its admin API on loopback, one HTTP server
 * ({@code devsanctum}) on a free loopback port whose own routes send the dashboard host and any
 * other workspace host to the gateway (which answers for stopped and unknown workspaces), and in
 * front of them the workspace routes routing-service pushes. Restarting it starts the same file
 * again, as a service manager would: the pushed routes are gone until routing-service puts them back.
 */
final class CaddyProcess implements AutoCloseable {

  static final String SERVER = "devsanctum";

  private final Path dir;
  private final Path config;
  private final int adminPort;
  private final int httpPort;
  private final HttpClient admin = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private Process process;

  private CaddyProcess(Path dir, int adminPort, int httpPort) {
    this.dir = dir;
    this.config = dir.resolve("caddy.json");
    this.adminPort = adminPort;
    this.httpPort = httpPort;
  }

  /** Caddy on free ports for a gateway at {@code gatewayPort} serving {@code baseDomain}; not started yet. */
  static CaddyProcess configure(String baseDomain, int gatewayPort) throws IOException {
    CaddyProcess caddy = new CaddyProcess(Files.createTempDirectory("devsanctum-caddy-"), freePort(), freePort());
    JsonArray toGateway = new JsonArray().add(new JsonObject().put("handler", "reverse_proxy")
        .put("upstreams", new JsonArray().add(new JsonObject().put("dial", "127.0.0.1:" + gatewayPort))));
    JsonObject server = new JsonObject()
        .put("listen", new JsonArray().add("127.0.0.1:" + caddy.httpPort))
        .put("automatic_https", new JsonObject().put("disable", true))
        .put("routes", new JsonArray()
            .add(new JsonObject().put("@id", "dashboard")
                .put("match", new JsonArray().add(new JsonObject().put("host", new JsonArray().add(baseDomain))))
                .put("handle", toGateway).put("terminal", true))
            .add(new JsonObject().put("@id", "other-workspace-hosts")
                .put("match", new JsonArray().add(new JsonObject().put("host", new JsonArray().add("*." + baseDomain))))
                .put("handle", toGateway).put("terminal", true)));
    Files.writeString(caddy.config, new JsonObject()
        .put("admin", new JsonObject().put("listen", "127.0.0.1:" + caddy.adminPort))
        .put("apps", new JsonObject().put("http", new JsonObject().put("servers", new JsonObject().put(SERVER, server))))
        .encodePrettily());
    return caddy;
  }

  CaddyProcess start() throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder("caddy", "run", "--config", config.toString())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("caddy.log").toFile()));
    // its autosave and data (certificates it never needs here) under the temporary directory
    builder.environment().put("HOME", dir.toString());
    builder.environment().put("XDG_CONFIG_HOME", dir.resolve("config").toString());
    builder.environment().put("XDG_DATA_HOME", dir.resolve("data").toString());
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new AssertionError("cannot start caddy (scripts/ensure-caddy.sh installs Debian's package)", e);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (adminStatus("/config/") != 200) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError("caddy did not start: " + Files.readString(dir.resolve("caddy.log")));
      }
      Thread.sleep(50);
    }
    return this;
  }

  /** Stops Caddy as its service manager does (SIGTERM), and waits until it has. */
  void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  int httpPort() {
    return httpPort;
  }

  String adminUrl() {
    return "http://127.0.0.1:" + adminPort;
  }

  /** The status of a GET on the admin API (0: no answer). */
  int adminStatus(String path) {
    try {
      return admin.send(HttpRequest.newBuilder(URI.create(adminUrl() + path)).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  /** The routes of our server, as Caddy holds them now. */
  JsonArray routes() throws IOException, InterruptedException {
    HttpResponse<String> answer = admin.send(HttpRequest.newBuilder(URI.create(adminUrl() + "/config/apps/http/servers/"
        + SERVER + "/routes")).build(), HttpResponse.BodyHandlers.ofString());
    return new JsonArray(answer.body());
  }

  /** One route of Caddy's configuration, by its id. */
  JsonObject route(String id) throws IOException, InterruptedException {
    return new JsonObject(admin.send(HttpRequest.newBuilder(URI.create(adminUrl() + "/id/" + id)).build(),
        HttpResponse.BodyHandlers.ofString()).body());
  }

  /** Removes a route by its id, as an operator editing Caddy by hand would. */
  int delete(String id) throws IOException, InterruptedException {
    return admin.send(HttpRequest.newBuilder(URI.create(adminUrl() + "/id/" + id)).DELETE().build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  String log() throws IOException {
    return Files.readString(dir.resolve("caddy.log"));
  }

  @Override
  public void close() throws Exception {
    stop();
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
