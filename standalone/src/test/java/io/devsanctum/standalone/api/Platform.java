package io.devsanctum.standalone.api;

import static org.awaitility.Awaitility.await;

import io.devsanctum.auth.AuthVerticle;
import io.devsanctum.common.config.DevSanctumConfig;
import io.devsanctum.common.config.Env;
import io.devsanctum.common.runtime.VertxFactory;
import io.devsanctum.common.runtime.VertxRuntime;
import io.devsanctum.common.testkit.TestDatabase;
import io.devsanctum.gateway.GatewayVerticle;
import io.devsanctum.provisioner.ProvisionerVerticle;
import io.devsanctum.routing.RoutingVerticle;
import io.devsanctum.workspace.WorkspaceVerticle;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The whole platform in one Vert.x, as standalone mode runs it, on a fresh real PostgreSQL
 * database and a free port, with an HTTP client pointed at the gateway.
 */
public final class Platform implements AutoCloseable {

  private final VertxRuntime runtime;
  private final DevSanctumConfig config;
  private final GatewayVerticle gateway;
  private final Clock clock;
  private final WebClient http;
  private String workspaceDeployment;

  private Platform(VertxRuntime runtime, DevSanctumConfig config, GatewayVerticle gateway, Clock clock,
      String workspaceDeployment) {
    this.runtime = runtime;
    this.config = config;
    this.gateway = gateway;
    this.clock = clock;
    this.workspaceDeployment = workspaceDeployment;
    this.http = WebClient.create(runtime.vertx(), new WebClientOptions().setFollowRedirects(false));
  }

  public static Platform start() {
    return start(Map.of());
  }

  /** {@code env}: extra configuration variables, as the environment would give them. */
  public static Platform start(Map<String, String> env) {
    return start(env, Clock.systemUTC());
  }

  /** As {@link #start(Map)}, with activity, deadlines and schedules measured by {@code clock}. */
  public static Platform start(Map<String, String> env, Clock clock) {
    Map<String, String> variables = new HashMap<>(env);
    variables.putIfAbsent("DEVSANCTUM_HTTP_PORT", "0");
    variables.putIfAbsent("DEVSANCTUM_HTTP_HOST", "127.0.0.1");
    variables.putIfAbsent("DEVSANCTUM_MANAGEMENT_PORT", "0");
    variables.putIfAbsent("DEVSANCTUM_SSH_PORT", "0");
    variables.putIfAbsent("DEVSANCTUM_SEED_TEMPLATES", "false");
    // a Docker host id of its own, so the test's containers are told apart from anyone else's
    variables.putIfAbsent("DEVSANCTUM_DOCKER_HOSTS",
        "test-" + UUID.randomUUID().toString().substring(0, 8) + "=unix:///var/run/docker.sock");
    DevSanctumConfig config = DevSanctumConfig.from(new Env(variables)).withDatabase(TestDatabase.freshDatabase());
    VertxRuntime runtime = VertxFactory.local();
    var vertx = runtime.vertx();
    vertx.deployVerticle(new AuthVerticle(config, runtime.meterRegistry())).await();
    String workspaceDeployment = vertx.deployVerticle(new WorkspaceVerticle(config, runtime.meterRegistry(), clock))
        .await();
    vertx.deployVerticle(new ProvisionerVerticle(config, runtime.meterRegistry())).await();
    vertx.deployVerticle(new RoutingVerticle(config, runtime.meterRegistry())).await();
    GatewayVerticle gateway = new GatewayVerticle(config, runtime.meterRegistry(), clock);
    vertx.deployVerticle(gateway).await();
    return new Platform(runtime, config, gateway, clock, workspaceDeployment);
  }

  /** Stops the workspace-service (as a crash would, mid-deployment) and starts a new instance. */
  public void restartWorkspaceService() {
    stopWorkspaceService();
    startWorkspaceService();
  }

  /** Stops the workspace-service: nothing answers at its addresses until {@link #startWorkspaceService()}. */
  public void stopWorkspaceService() {
    runtime.vertx().undeploy(workspaceDeployment).await();
  }

  public void startWorkspaceService() {
    workspaceDeployment = runtime.vertx().deployVerticle(new WorkspaceVerticle(config, runtime.meterRegistry(), clock))
        .await();
  }

  /** The id under which this platform knows the local Docker engine (its containers carry it as a label). */
  public String dockerHostId() {
    return config.env().string("DEVSANCTUM_DOCKER_HOSTS", "").split("=", 2)[0];
  }

  public int port() {
    return gateway.actualPort();
  }

  /** The Vert.x instance every service of this platform runs on (its event bus is theirs). */
  public io.vertx.core.Vertx vertx() {
    return runtime.vertx();
  }

  /** The gateway's management listener (metrics). */
  public int managementPort() {
    return gateway.managementPort();
  }

  /** The gateway's SSH port. */
  public int sshPort() {
    return gateway.sshPort();
  }

  public VertxRuntime runtime() {
    return runtime;
  }

  public DevSanctumConfig config() {
    return config;
  }

  /** A request to the gateway; {@code token} (may be null) goes in as Bearer. */
  public HttpRequest<Buffer> request(HttpMethod method, String path, String token) {
    HttpRequest<Buffer> request = http.request(method, port(), "127.0.0.1", path);
    if (token != null) {
      request.bearerTokenAuthentication(token);
    }
    return request;
  }

  public HttpResponse<Buffer> send(HttpMethod method, String path, String token, JsonObject body) {
    HttpRequest<Buffer> request = request(method, path, token);
    return (body == null ? request.send() : request.sendJsonObject(body)).await();
  }

  public HttpResponse<Buffer> get(String path, String token) {
    return send(HttpMethod.GET, path, token, null);
  }

  public HttpResponse<Buffer> post(String path, String token, JsonObject body) {
    return send(HttpMethod.POST, path, token, body);
  }

  /** Creates the first admin and signs in: the session reply (tokens, user). */
  public JsonObject firstAdmin(String username, String password) {
    post("/api/v1/setup/first-admin", null, new JsonObject().put("email", username + "@example.com")
        .put("username", username).put("password", password));
    return signIn(username, password);
  }

  /** An admin creates a member, who then signs in: the member's session reply. */
  public JsonObject member(String adminToken, String username, String password) {
    post("/api/v1/users", adminToken, new JsonObject().put("email", username + "@example.com")
        .put("username", username).put("password", password));
    return signIn(username, password);
  }

  /**
   * {@code owner}'s workspace {@code name} from a Minimal template the admin creates (its web app on
   * 8080, 64 MB, a quarter CPU), once it runs: its id.
   */
  public String runningMinimalWorkspace(String adminToken, String owner, String name) {
    String template = post("/api/v1/templates", adminToken, new JsonObject().put("name", "minimal")
        .put("spec", new JsonObject().put("image", "devsanctum/workspace-minimal:latest")
            .put("apps", new JsonArray().add(new JsonObject().put("name", "web").put("port", 8080)
                .put("default", true).put("healthPath", "/healthz")))
            .put("memoryMb", 64).put("cpuMillis", 250))).bodyAsJsonObject().getString("id");
    String workspace = post("/api/v1/workspaces", owner,
        new JsonObject().put("templateId", template).put("name", name)).bodyAsJsonObject().getString("id");
    await("workspace " + name + " running").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
        .until(() -> "RUNNING".equals(get("/api/v1/workspaces/" + workspace, owner).bodyAsJsonObject().getString("state")));
    return workspace;
  }

  public JsonObject signIn(String login, String password) {
    HttpResponse<Buffer> response = post("/api/v1/auth/sign-in", null,
        new JsonObject().put("login", login).put("password", password));
    if (response.statusCode() != 200) {
      throw new AssertionError("sign-in of " + login + " failed: " + response.bodyAsString());
    }
    return response.bodyAsJsonObject();
  }

  /** A pool on the same database, for tests that inspect or arrange rows directly. */
  public Pool database(String schema) {
    return io.devsanctum.common.db.PgPools.create(runtime.vertx(), config.database(), schema + "-test");
  }

  public static MultiMap cookies(HttpResponse<Buffer> response) {
    MultiMap cookies = MultiMap.caseInsensitiveMultiMap();
    response.cookies().forEach(header -> {
      String pair = header.split(";", 2)[0];
      int eq = pair.indexOf('=');
      cookies.add(pair.substring(0, eq), pair.substring(eq + 1));
    });
    return cookies;
  }

  /** Stops the platform, then removes what it left on Docker. */
  @Override
  public void close() {
    runtime.vertx().close().await();
    Docker.removeResourcesOf(dockerHostId());
  }
}
