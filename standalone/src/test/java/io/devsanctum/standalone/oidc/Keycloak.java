package io.devsanctum.standalone.oidc;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real Keycloak, the distribution Maven unpacks into {@code target/keycloak} (the
 * {@code keycloak-quarkus-dist} zip, cached in the local repository like any dependency), started
 * once per test JVM in development mode on a free loopback port with an in-memory database, and
 * stopped when the JVM ends. Realms, clients, groups and users are made through its admin REST API.
 */
public final class Keycloak {

  private static final String ADMIN = "admin";
  private static final String ADMIN_PASSWORD = "keycloak-admin-" + Long.toHexString(System.nanoTime());
  private static final Duration READY_WITHIN = Duration.ofSeconds(180);
  private static Keycloak shared;

  private final Process process;
  private final Path log;
  private final int port;
  private final Vertx vertx = Vertx.vertx();
  private final WebClient http = WebClient.create(vertx);

  private Keycloak(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /** The one Keycloak of this JVM, started on first use. */
  public static synchronized Keycloak shared() throws Exception {
    if (shared == null) {
      shared = start();
      Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
    }
    return shared;
  }

  private static Keycloak start() throws Exception {
    Path home = Path.of(System.getProperty("keycloak.home", "target/keycloak/missing"));
    if (!Files.exists(home.resolve("bin/kc.sh"))) {
      throw new IllegalStateException(home + "/bin/kc.sh is missing: Maven unpacks Keycloak in pre-integration-test"
          + " (run these tests with mvn verify)");
    }
    int port = freePort();
    Path log = Files.createTempFile("keycloak-", ".log");
    // start-dev: HTTP on loopback, no hostname to configure; dev-mem: a database of its own, in memory
    ProcessBuilder builder = new ProcessBuilder("bash", home.resolve("bin/kc.sh").toString(), "start-dev",
        "--db=dev-mem", "--http-host=127.0.0.1", "--http-port=" + port)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
    builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
    long started = System.nanoTime();
    Keycloak keycloak = new Keycloak(builder.start(), log, port);
    try {
      keycloak.awaitReady(started);
    } catch (Exception | AssertionError failure) {
      keycloak.stop();
      throw failure;
    }
    // the figure the README quotes: from launching kc.sh to its master realm answering
    System.out.printf("Keycloak started on 127.0.0.1:%d in %.1f s%n", port, (System.nanoTime() - started) / 1e9);
    return keycloak;
  }

  private void awaitReady(long started) throws Exception {
    while (System.nanoTime() - started < READY_WITHIN.toNanos()) {
      if (!process.isAlive()) {
        throw new AssertionError("Keycloak ended (exit " + process.exitValue() + ") before it was ready:\n" + log());
      }
      try {
        if (http.get(port, "127.0.0.1", "/realms/master").send().await().statusCode() == 200) {
          return;
        }
      } catch (Exception notListeningYet) {
        // keep polling until the bound
      }
      Thread.sleep(200);
    }
    throw new AssertionError("Keycloak was not ready within " + READY_WITHIN + ":\n" + log());
  }

  public int port() {
    return port;
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  private String log() throws IOException {
    return Files.readString(log);
  }

  /** Ends kc.sh and the JVM it started. */
  private void stop() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      process.onExit().get();
    } catch (Exception ignored) {
      process.destroyForcibly();
    }
    vertx.close();
    log.toFile().delete();
  }

  /** A new, enabled realm. */
  public Realm createRealm(String name) {
    admin(HttpMethod.POST, "/admin/realms", new JsonObject().put("realm", name).put("enabled", true), 201);
    return new Realm(this, name);
  }

  /** An admin API call that must answer {@code expected}; the body of the answer. */
  HttpResponse<Buffer> admin(HttpMethod method, String path, Object body, int expected) {
    HttpRequest<Buffer> request = http.request(method, port, "127.0.0.1", path).bearerTokenAuthentication(adminToken());
    HttpResponse<Buffer> response = (body == null ? request.send()
        : body instanceof JsonArray array ? request.sendJson(array) : request.sendJsonObject((JsonObject) body)).await();
    if (response.statusCode() != expected) {
      throw new AssertionError(method + " " + path + " answered " + response.statusCode() + ": " + response.bodyAsString());
    }
    return response;
  }

  /** The master realm's admin signs in again for each call: its tokens live a minute. */
  private String adminToken() {
    HttpResponse<Buffer> token = http.post(port, "127.0.0.1", "/realms/master/protocol/openid-connect/token")
        .sendForm(MultiMap.caseInsensitiveMultiMap().add("grant_type", "password").add("client_id", "admin-cli")
            .add("username", ADMIN).add("password", ADMIN_PASSWORD))
        .await();
    if (token.statusCode() != 200) {
      throw new AssertionError("Keycloak's admin could not sign in: " + token.bodyAsString());
    }
    return token.bodyAsJsonObject().getString("access_token");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
