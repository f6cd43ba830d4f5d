package io.devsanctum.standalone.compose;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import io.devsanctum.common.testkit.Command;
import io.devsanctum.standalone.api.Docker;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.output.Slf4jLogConsumer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The Compose deployment, for real: the images compose/ builds (compose/build-images.sh), each
 * service of compose/docker-compose.yml in a container of its own with the environment, binds,
 * groups and healthchecks {@code docker-compose config} gives it, on one Docker network with the
 * file's address plan, the services clustered over Hazelcast. Traefik is the one service left out
 * (its image cannot be had here): the gateway's port is published on 127.0.0.1 instead, and
 * workspaces answer through its built-in proxy. What differs from the file is the run's own:
 * the subnet (free on this engine), the cluster name, and the Docker host id that the local
 * engine's settings move to, so that the run's containers are told apart from anyone else's.
 */
class ComposeDeploymentIT {

  private static final String NETWORK = "devsanctum";
  private static final List<String> SERVICES = List.of("auth", "provisioner", "routing", "workspace", "gateway");
  private static final Duration SETTLE = Duration.ofSeconds(120);
  private static final Pattern MEMBERS = Pattern.compile("(?m)^devsanctum_cluster_members(?:\\{[^}]*})? (\\d+)");

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final String hostId = "test-compose-" + run;
  private final Map<String, GenericContainer<?>> containers = new LinkedHashMap<>();
  private final List<GenericContainer<?>> workspaceServices = new ArrayList<>();
  private final Vertx vertx = Vertx.vertx();
  private final WebClient http = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false));
  private ComposeFile compose;
  private Network network;
  private String baseDomain;
  private int gatewayPort;
  private Path envFile;

  /**
   * Longer than the suite's ten minutes: on a fresh machine the service image's Maven build
   * downloads its dependencies (the build's own limit, 18 minutes, ends it first).
   */
  @BeforeEach
  @Timeout(value = 20, unit = TimeUnit.MINUTES)
  void startTheDeployment() throws Exception {
    long started = System.nanoTime();
    buildImages();
    Docker.buildMinimalImage();
    network = networkWithComposeAddressPlan();

    GenericContainer<?> postgres = container("postgres", "postgres")
        .waitingFor(Wait.forHealthcheck().withStartupTimeout(SETTLE));
    postgres.start();
    // the first member forms the cluster; the others find it by name
    container("auth", "auth").start();
    List<GenericContainer<?>> rest = new ArrayList<>();
    for (String service : List.of("provisioner", "routing", "workspace", "gateway")) {
      rest.add(container(service, service));
    }
    rest.parallelStream().forEach(GenericContainer::start);
    workspaceServices.add(containers.get("workspace"));
    awaitReady();
    System.out.printf("compose deployment: postgres + %d services ready in %d s%n", SERVICES.size(),
        (System.nanoTime() - started) / 1_000_000_000);
  }

  @AfterEach
  void removeEverything() throws IOException {
    // every container of the run goes, whatever state the test left it in (no Ryuk here)
    List<GenericContainer<?>> all = new ArrayList<>(containers.values());
    all.addAll(workspaceServices);
    all.stream().distinct().forEach(GenericContainer::stop);
    Docker.removeResourcesOf(hostId);
    if (network != null) {
      network.close();
    }
    vertx.close().await();
    if (envFile != null) {
      Files.deleteIfExists(envFile);
    }
  }

  @Test
  void theComposeServicesServeAWorkspaceSurviveTheDeathOfAWorkspaceServiceMidDeploymentAndAGatewayRestart()
      throws Exception {
    // first admin, then a workspace from the seeded Minimal template, answering through the proxy
    String token = firstAdminToken();
    String minimal = templates(token).stream().filter(t -> "minimal".equals(t.getString("name"))).findFirst()
        .orElseThrow(() -> new AssertionError("no seeded Minimal template")).getString("id");
    String id = expect(201, post("/api/v1/workspaces", token, new JsonObject().put("templateId", minimal)
        .put("name", "first"))).bodyAsJsonObject().getString("id");
    String host = URI.create(awaitState(token, id, "RUNNING").getString("url")).getHost();
    HttpResponse<Buffer> page = send(HttpMethod.GET, "/", token, null).virtualHost(host).send().await();
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.bodyAsString()).contains("DevSanctum workspace first");

    // a deployment that waits for the test: its app starts only once /tmp/release exists in its container
    String gated = expect(201, post("/api/v1/templates", token, new JsonObject().put("name", "gated")
        .put("spec", new JsonObject().put("image", "devsanctum/workspace-minimal:latest")
            .put("entrypoint", new JsonArray().add("/bin/sh").add("-c"))
            .put("command", new JsonArray().add(
                "until [ -e /tmp/release ]; do sleep 0.2; done; exec /bin/sh /usr/local/bin/workspace-start"))
            .put("apps", new JsonArray().add(new JsonObject().put("name", "web").put("port", 8080)
                .put("default", true).put("healthPath", "/healthz")))
            .put("cpuMillis", 100).put("memoryMb", 64).put("pidsLimit", 32).put("startupTimeoutSeconds", 120))))
        .bodyAsJsonObject().getString("id");
    String taken = expect(201, post("/api/v1/workspaces", token, new JsonObject().put("templateId", gated)
        .put("name", "taken-over"))).bodyAsJsonObject().getString("id");
    GenericContainer<?> first = containers.get("workspace");
    String driver = awaitDriverAt(taken, "WAIT_HEALTHY");
    assertThat(driver).as("the only workspace-service drives it").isEqualTo(identity(first));

    // a second workspace-service container joins; the first is killed in the middle of the deployment
    GenericContainer<?> second = container("workspace-2", "workspace");
    second.start();
    workspaceServices.add(second);
    awaitMembers(SERVICES.size() + 1);
    long killedAt = System.nanoTime();
    docker().killContainerCmd(first.getContainerId()).withSignal("KILL").exec();
    String taker = awaitClaimOtherThan(taken, driver);
    long takeoverMs = (System.nanoTime() - killedAt) / 1_000_000;
    assertThat(taker).as("the second takes the deployment over").isEqualTo(identity(second));
    Docker.docker("exec", workspaceContainer(taken), "touch", "/tmp/release");
    awaitState(token, taken, "RUNNING");
    long runningMs = (System.nanoTime() - killedAt) / 1_000_000;
    JsonObject log = get("/api/v1/workspaces/" + taken + "/deployments/1/logs", token).bodyAsJsonObject();
    assertThat(log.getJsonObject("deployment").getString("status")).isEqualTo("SUCCEEDED");
    assertThat(log.getJsonArray("lines").encode())
        .contains("taking over deployment #1 (start) at step wait-healthy from instance " + driver);
    assertThat(second.getLogs()).contains("resuming deployment #1 of workspace " + taken);

    // the gateway restarts and rejoins: the same token, the same workspace, every service ready
    GenericContainer<?> gateway = containers.get("gateway");
    long restartedAt = System.nanoTime();
    docker().restartContainerCmd(gateway.getContainerId()).withTimeout(30).exec();
    awaitReady();
    long rejoinMs = (System.nanoTime() - restartedAt) / 1_000_000;
    assertThat(send(HttpMethod.GET, "/", token, null).virtualHost(host).send().await().bodyAsString())
        .contains("DevSanctum workspace first");
    int members = awaitMembers(SERVICES.size());
    assertThat(unhealthy()).as("every container passes the healthcheck of docker-compose.yml").isEmpty();

    String figures = String.format("compose deployment in containers: %d cluster members after the second"
            + " workspace-service joined; kill -9 of the first, driving a deployment at wait-healthy: the deployment"
            + " claimed by the second after %d ms, RUNNING %d ms after the kill (its app released once taken over);"
            + " gateway container restarted, ready again after %d ms, %d cluster members then (the killed one gone)%n",
        SERVICES.size() + 1, takeoverMs, runningMs, rejoinMs, members);
    System.out.print(figures);
    Path report = Path.of("target", "compose-deployment.txt");
    Files.writeString(report, figures);
  }

  // --- the deployment ----------------------------------------------------------------------------

  private static void buildImages() {
    System.out.print(Command.run(Duration.ofMinutes(18), Docker.repoRoot().resolve("compose/build-images.sh").toString()));
  }

  /** The compose network with the file's address plan on a subnet free on this engine. */
  private Network networkWithComposeAddressPlan() throws Exception {
    String gid = Files.getAttribute(Path.of("/var/run/docker.sock"), "unix:gid").toString();
    for (int attempt = 0; attempt < 10; attempt++) {
      int third = ThreadLocalRandom.current().nextInt(100, 200);
      String prefix = "172.30." + third + ".";
      Map<String, String> env = new LinkedHashMap<>();
      baseDomain = "compose-" + run + ".test";
      env.put("DEVSANCTUM_BASE_DOMAIN", baseDomain);
      env.put("ACME_EMAIL", "ops@example.com");
      env.put("POSTGRES_PASSWORD", UUID.randomUUID().toString().replace("-", ""));
      env.put("DEVSANCTUM_TRAEFIK_PROVIDER_SECRET", UUID.randomUUID().toString().replace("-", ""));
      env.put("DOCKER_GID", gid);
      env.put("BASE_IMAGE", "devsanctum/debian-bookworm:latest");
      env.put("DEVSANCTUM_CLUSTER_NAME", "devsanctum-" + hostId);
      env.put("DEVSANCTUM_NETWORK_SUBNET", prefix + "0/24");
      env.put("DEVSANCTUM_NETWORK_GATEWAY", prefix + "1");
      env.put("DEVSANCTUM_TRAEFIK_ADDRESS", prefix + "250");
      if (envFile != null) {
        Files.deleteIfExists(envFile);
      }
      envFile = ComposeFile.writeEnvFile(env);
      compose = ComposeFile.resolve(envFile);
      Map<String, String> ipam = compose.networkIpam(NETWORK);
      Network candidate = Network.builder()
          .createNetworkCmdModifier(cmd -> cmd.withName("devsanctum-" + hostId)
              .withLabels(Map.of("devsanctum.test_run", hostId))
              .withIpam(new com.github.dockerjava.api.model.Network.Ipam().withConfig(
                  new com.github.dockerjava.api.model.Network.Ipam.Config()
                      .withSubnet(ipam.get("subnet")).withGateway(ipam.get("gateway")))))
          .build();
      try {
        candidate.getId(); // created here
        return candidate;
      } catch (RuntimeException taken) {
        // the subnet overlaps a network of someone else's: another one
      }
    }
    throw new AssertionError("no free 172.30.x.0/24 subnet for the compose network");
  }

  /**
   * The container of compose service {@code service}, as Compose would create it, named {@code name}
   * in the run; the gateway's port is published on 127.0.0.1 only.
   */
  private GenericContainer<?> container(String name, String service) {
    ComposeFile.Service spec = compose.service(service);
    Map<String, String> environment = new HashMap<>();
    String localPrefix = "DEVSANCTUM_DOCKER_HOST_LOCAL_";
    String runPrefix = "DEVSANCTUM_DOCKER_HOST_" + hostId.toUpperCase(Locale.ROOT).replace('-', '_') + "_";
    spec.environment().forEach((key, value) -> environment.put(
        key.startsWith(localPrefix) ? runPrefix + key.substring(localPrefix.length()) : key,
        "DEVSANCTUM_DOCKER_HOSTS".equals(key) ? value.replace("local=", hostId + "=") : value));
    GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(spec.image()))
        .withNetwork(network)
        .withNetworkAliases(service)
        .withEnv(environment)
        .withLabel("devsanctum.test_run", hostId)
        .withLogConsumer(new Slf4jLogConsumer(org.slf4j.LoggerFactory.getLogger("compose." + name)));
    boolean published = "gateway".equals(service);
    if (published && gatewayPort == 0) {
      gatewayPort = freePort();
    }
    container.withCreateContainerCmdModifier(cmd -> {
      cmd.withName("devsanctum-" + hostId + "-" + name);
      // binds as Docker takes them (Testcontainers' own would first try mounting with an image it cannot pull)
      cmd.getHostConfig().withGroupAdd(spec.groupAdd()).withBinds(spec.binds().stream().map(Bind::parse).toList());
      if (spec.healthcheck() != null) {
        cmd.withHealthcheck(new HealthCheck().withTest(spec.healthcheck().test())
            .withInterval(spec.healthcheck().interval().toNanos()).withTimeout(spec.healthcheck().timeout().toNanos())
            .withStartPeriod(spec.healthcheck().startPeriod().toNanos()).withRetries(spec.healthcheck().retries()));
      }
      if (published) {
        cmd.withExposedPorts(ExposedPort.tcp(8080));
        cmd.getHostConfig().withPortBindings(new PortBinding(Ports.Binding.bindIpAndPort("127.0.0.1", gatewayPort),
            ExposedPort.tcp(8080)));
      }
    });
    if (!"postgres".equals(service)) {
      container.waitingFor(Wait.forLogMessage(".*" + service + " joined cluster.*", 1).withStartupTimeout(SETTLE));
    }
    containers.put(name, container);
    return container;
  }

  private void awaitReady() throws InterruptedException {
    long deadline = System.nanoTime() + SETTLE.toNanos();
    while (true) {
      try {
        if (get("/health/ready", null).statusCode() == 200) {
          return;
        }
      } catch (Exception notYet) {
        // the gateway is not listening yet, or restarting (the client's failures come unchecked or not)
      }
      assertThat(System.nanoTime()).as("the deployment is ready").isLessThan(deadline);
      Thread.sleep(250);
    }
  }

  /**
   * Waits until the gateway sees {@code expected} cluster members, as its metrics say (the
   * management listener, which Compose keeps on the network: read from inside the container).
   */
  private int awaitMembers(int expected) throws Exception {
    long deadline = System.nanoTime() + SETTLE.toNanos();
    int seen = -1;
    while (System.nanoTime() < deadline) {
      String metrics = containers.get("gateway").execInContainer("curl", "-fsS", "http://localhost:9180/metrics")
          .getStdout();
      Matcher matcher = MEMBERS.matcher(metrics);
      seen = matcher.find() ? (int) Double.parseDouble(matcher.group(1)) : -1;
      if (seen == expected) {
        return seen;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("the gateway sees " + seen + " cluster members, not " + expected);
  }

  /** Containers whose compose healthcheck has not passed (they get a minute, the file's start period). */
  private List<String> unhealthy() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    List<String> unhealthy;
    do {
      unhealthy = containers.entrySet().stream().filter(entry -> entry.getValue().isRunning())
          .filter(entry -> !"healthy".equals(docker().inspectContainerCmd(entry.getValue().getContainerId()).exec()
              .getState().getHealth().getStatus()))
          .map(Map.Entry::getKey).toList();
      if (unhealthy.isEmpty()) {
        return unhealthy;
      }
      Thread.sleep(500);
    } while (System.nanoTime() < deadline);
    return unhealthy;
  }

  /** Waits until the workspace's first deployment is at {@code step}: the identity of the instance driving it. */
  private String awaitDriverAt(String workspaceId, String step) throws Exception {
    long deadline = System.nanoTime() + SETTLE.toNanos();
    while (System.nanoTime() < deadline) {
      String[] row = claim(workspaceId);
      if (step.equals(row[1]) && !"-".equals(row[0])) {
        return row[0];
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the deployment never reached " + step);
  }

  /** Waits until another instance than {@code dead} holds the deployment's claim: that instance. */
  private String awaitClaimOtherThan(String workspaceId, String dead) throws Exception {
    long deadline = System.nanoTime() + SETTLE.toNanos();
    while (System.nanoTime() < deadline) {
      String[] row = claim(workspaceId);
      if (!row[0].equals(dead) && !"-".equals(row[0])) {
        return row[0];
      }
      Thread.sleep(50);
    }
    throw new AssertionError("nobody took over the deployment of " + dead);
  }

  /** Who holds the claim on the workspace's first deployment ("-": nobody), its step and status. */
  private String[] claim(String workspaceId) throws Exception {
    var result = containers.get("postgres").execInContainer("psql", "-U", "devsanctum", "-d", "devsanctum", "-At",
        "-c", "SELECT coalesce(claimed_by, '-') || ' ' || coalesce(step, '-') || ' ' || status"
            + " FROM workspace.deployments WHERE workspace_id = '" + workspaceId + "' AND number = 1");
    String[] row = result.getStdout().strip().split(" ");
    return row.length == 3 ? row : new String[] {"-", "-", "-"};
  }

  private static String identity(GenericContainer<?> workspaceService) {
    Matcher matcher = Pattern.compile("workspace runs as instance (\\S+)").matcher(workspaceService.getLogs());
    if (!matcher.find()) {
      throw new AssertionError("a workspace-service did not log its identity");
    }
    return matcher.group(1);
  }

  /** The id of the container the provisioner made for the workspace (every run's have its own host id label). */
  private String workspaceContainer(String workspaceId) {
    List<String> ids = Docker.lines(Docker.docker("ps", "-q", "--filter", "label=devsanctum.host_id=" + hostId,
        "--filter", "label=devsanctum.workspace_id=" + workspaceId));
    assertThat(ids).as("the workspace's container").hasSize(1);
    return ids.get(0);
  }

  private static DockerClient docker() {
    return DockerClientFactory.instance().client();
  }

  private static int freePort() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  // --- the REST API on the published port --------------------------------------------------------

  private HttpRequest<Buffer> send(HttpMethod method, String path, String token, JsonObject body) {
    HttpRequest<Buffer> request = http.request(method, gatewayPort, "127.0.0.1", path).timeout(30_000);
    if (token != null) {
      request.bearerTokenAuthentication(token);
    }
    return request;
  }

  private HttpResponse<Buffer> get(String path, String token) {
    return send(HttpMethod.GET, path, token, null).send().await();
  }

  private HttpResponse<Buffer> post(String path, String token, JsonObject body) {
    HttpRequest<Buffer> request = send(HttpMethod.POST, path, token, body);
    return (body == null ? request.send() : request.sendJsonObject(body)).await();
  }

  private String firstAdminToken() {
    expect(201, post("/api/v1/setup/first-admin", null, new JsonObject().put("email", "root@example.com")
        .put("username", "root").put("password", "correct horse battery")));
    String access = expect(200, post("/api/v1/auth/sign-in", null, new JsonObject().put("login", "root")
        .put("password", "correct horse battery"))).bodyAsJsonObject().getString("accessToken");
    // an API token outlives the gateway's restart as any credential does; it is what a script would use
    return expect(201, post("/api/v1/api-tokens", access, new JsonObject().put("name", "compose-test")))
        .bodyAsJsonObject().getString("token");
  }

  private List<JsonObject> templates(String token) {
    return expect(200, get("/api/v1/templates", token)).bodyAsJsonObject().getJsonArray("templates").stream()
        .map(JsonObject.class::cast).toList();
  }

  private JsonObject awaitState(String token, String id, String state) throws InterruptedException {
    long deadline = System.nanoTime() + SETTLE.toNanos();
    JsonObject workspace;
    do {
      workspace = get("/api/v1/workspaces/" + id, token).bodyAsJsonObject();
      if (state.equals(workspace.getString("state"))) {
        return workspace;
      }
      Thread.sleep(100);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("workspace never reached " + state + ": " + workspace.encode());
  }

  private static HttpResponse<Buffer> expect(int status, HttpResponse<Buffer> response) {
    if (response.statusCode() != status) {
      throw new AssertionError("expected " + status + ", got " + response.statusCode() + ": " + response.bodyAsString());
    }
    return response;
  }
}
