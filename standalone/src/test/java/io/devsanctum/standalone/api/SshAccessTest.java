package io.devsanctum.standalone.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.devsanctum.gateway.GatewayVerticle;
import io.devsanctum.gateway.ssh.SshGateway;
import io.devsanctum.provisioner.controller.ProvisionerEndpoint;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryContext;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SSH into workspaces with Debian's OpenSSH client: the platform's SSH listener, keys registered
 * through the API, real shells and commands in the real workspace container.
 */
class SshAccessTest {

  private static final String PASSWORD = "member password";
  private static Platform platform;
  private static Path dir;
  private static OpenSsh openSsh;
  private static String admin;
  private static String mia;

  @BeforeAll
  static void start() throws Exception {
    Docker.buildMinimalImage();
    platform = Platform.start();
    dir = Files.createTempDirectory("ssh-access-test");
    openSsh = new OpenSsh(platform, dir);
    admin = platform.firstAdmin("root", "correct horse battery").getString("accessToken");
    mia = platform.member(admin, "mia", PASSWORD).getString("accessToken");
    platform.runningMinimalWorkspace(admin, mia, "dev");
    openSsh.addKey(mia, "mia");
    openSsh.addKey(admin, "root");
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  @Test
  void aCommandPrintsItsOutputAndExitsWithItsStatus() throws Exception {
    long started = System.nanoTime();
    OpenSsh.Result result = openSsh.ssh("mia", "dev", "echo $((6*7)); exit 3");

    System.out.printf("ssh dev@ 'echo $((6*7)); exit 3': %d ms from connect to exit%n",
        (System.nanoTime() - started) / 1_000_000);
    assertThat(result.stdout()).isEqualTo("42\n");
    assertThat(result.status()).isEqualTo(3);
  }

  @Test
  void aCommandKeepsStdoutAndStderrApart() throws Exception {
    OpenSsh.Result result = openSsh.ssh("mia", "dev", "echo out; echo err >&2; id -u");

    assertThat(result.stdout()).isEqualTo("out\n1000\n");
    assertThat(result.stderr()).isEqualTo("err\n");
    assertThat(result.status()).isZero();
  }

  @Test
  void aCommandReadsItsInputToItsEnd() throws Exception {
    String lines = "one\ntwo\nthree\n".repeat(20_000); // several windows' worth

    OpenSsh.Result counted = openSsh.run(openSsh.ssh("mia", "dev", List.of(), "wc -l"), lines, Map.of());
    OpenSsh.Result stored = openSsh.run(openSsh.ssh("mia", "dev", List.of(), "cat > piped.txt && wc -c < piped.txt"),
        lines, Map.of());

    assertThat(counted.stdout().strip()).isEqualTo("60000");
    assertThat(counted.status()).isZero();
    assertThat(stored.stdout().strip()).isEqualTo(String.valueOf(lines.length()));
  }

  @Test
  void aSlowReaderHoldsALargeUploadBackWithABoundedNumberOfChunksInFlight() throws Exception {
    Path upload = dir.resolve("large-upload.bin");
    MessageDigest sent = MessageDigest.getInstance("SHA-256");
    try (var file = Files.newOutputStream(upload)) {
      byte[] block = new byte[1024 * 1024];
      Random random = new Random(14);
      for (int i = 0; i < 128; i++) {
        random.nextBytes(block);
        sent.update(block);
        file.write(block);
      }
    }
    InputInFlight inFlight = new InputInFlight();
    Handler<DeliveryContext<Object>> sending = inFlight::sent;
    Handler<DeliveryContext<Object>> delivering = inFlight::delivered;
    platform.vertx().eventBus().addOutboundInterceptor(sending);
    platform.vertx().eventBus().addInboundInterceptor(delivering);
    try {
      OpenSsh.Result stored = openSsh.run(openSsh.ssh("mia", "dev", List.of(),
          "sleep 2; cat > large-upload.bin && sha256sum large-upload.bin && rm large-upload.bin"), upload, Map.of());

      assertThat(stored.status()).as(stored.stderr()).isZero();
      assertThat(stored.stdout()).startsWith(HexFormat.of().formatHex(sent.digest()) + " ");
    } finally {
      platform.vertx().eventBus().removeOutboundInterceptor(sending);
      platform.vertx().eventBus().removeInboundInterceptor(delivering);
      Files.delete(upload);
    }
    assertThat(inFlight.chunks.get()).as("input chunks seen").isGreaterThan(128);
    assertThat(inFlight.most.get()).isBetween(1, SshGateway.INPUT_CHUNKS_IN_FLIGHT);
  }

  /** Input chunks sent to processes and not yet answered, as the event bus carries them; the most at once. */
  private static final class InputInFlight {
    final Set<String> unanswered = ConcurrentHashMap.newKeySet();
    final AtomicInteger chunks = new AtomicInteger();
    final AtomicInteger most = new AtomicInteger();
    final AtomicInteger open = new AtomicInteger();

    void sent(DeliveryContext<Object> delivery) {
      Message<Object> message = delivery.message();
      if (message.address().startsWith(ProvisionerEndpoint.TERMINAL_INPUT) && message.body() instanceof Buffer) {
        chunks.incrementAndGet();
        if (message.replyAddress() != null) {
          unanswered.add(message.replyAddress());
        }
        most.accumulateAndGet(open.incrementAndGet(), Math::max);
      }
      delivery.next();
    }

    void delivered(DeliveryContext<Object> delivery) {
      if (unanswered.remove(delivery.message().address())) {
        open.decrementAndGet();
      }
      delivery.next();
    }
  }

  @Test
  void anInteractiveShellHasATerminalThatFollowsResizes() throws Exception {
    List<String> command = new ArrayList<>(List.of("python3", script().toString()));
    command.addAll(openSsh.ssh("mia", "dev", List.of("-tt"), null));
    String steps = "\techo term-$TERM; stty size; echo first-$((1+1))\n"
        + "first-2\tRESIZE 100 30\n"
        + "first-2\tsleep 1; stty size; echo second-$((2+1))\n"
        + "second-3\texit 5\n";
    long started = System.nanoTime();
    OpenSsh.Result result = openSsh.run(command, steps, Map.of("TERM", "xterm"));

    System.out.printf("interactive ssh -tt session: %d ms%n", (System.nanoTime() - started) / 1_000_000);
    assertThat(result.stdout()).contains("term-xterm", "24 80", "first-2", "30 100", "second-3");
    assertThat(result.status()).isEqualTo(5);
  }

  @Test
  void anAdminOpensAnotherUsersWorkspaceByItsOwnerName() throws Exception {
    assertThat(openSsh.ssh("root", "dev.mia", "echo $DEVSANCTUM_OWNER_NAME").stdout()).isEqualTo("mia\n");
  }

  @Test
  void unknownKeysAndOtherUsersWorkspacesGetTheSameRefusal() throws Exception {
    openSsh.keygen("stranger");
    String eve = platform.member(admin, "eve", PASSWORD).getString("accessToken");
    openSsh.addKey(eve, "eve");

    List<OpenSsh.Result> refusals = List.of(openSsh.ssh("stranger", "dev", "true"), openSsh.ssh("eve", "dev.mia", "true"),
        openSsh.ssh("eve", "dev", "true"), openSsh.ssh("mia", "nope", "true"), openSsh.ssh("mia", "Not A Name", "true"));

    assertThat(refusals).allSatisfy(refused -> {
      assertThat(refused.status()).isEqualTo(255);
      assertThat(refused.stderr()).contains("Permission denied (publickey)");
    });
    // the same words whatever the reason (the client puts the login it used in front)
    assertThat(refusals).extracting(refused -> refused.stderr().substring(refused.stderr().indexOf(": ")).strip())
        .containsOnly(": Permission denied (publickey).");
  }

  @Test
  void aWorkspaceSharedWithSignedInUsersOpensForTheirKeysUntilItsOwnerTakesItBack() throws Exception {
    String liv = platform.member(admin, "liv", PASSWORD).getString("accessToken");
    String workspace = workspaceOf(liv, "pair");
    String gus = platform.member(admin, "gus", PASSWORD).getString("accessToken");
    openSsh.addKey(gus, "gus");
    // the owner's alone: refused exactly as a workspace that does not exist
    OpenSsh.Result ownersOnly = openSsh.ssh("gus", "pair.liv", "true");
    OpenSsh.Result none = openSsh.ssh("gus", "nope.liv", "true");
    assertThat(List.of(ownersOnly, none)).allSatisfy(refused -> assertThat(refused.status()).isEqualTo(255));
    assertThat(ownersOnly.stderr().replace("pair.liv", "nope.liv")).isEqualTo(none.stderr());
    assertThat(none.stderr()).contains("Permission denied (publickey)");

    assertThat(setSharing(liv, workspace, "authenticated")).isEqualTo(200);

    assertThat(openSsh.ssh("gus", "pair.liv", "echo $DEVSANCTUM_OWNER_NAME").stdout()).isEqualTo("liv\n");
    Process open = OpenSsh.background(openSsh.ssh("gus", "pair.liv", List.of(), "echo open; sleep 120"));
    try {
      assertThat(readLine(open)).isEqualTo("open");

      assertThat(setSharing(liv, workspace, "owner")).isEqualTo(200);

      // as a WebSocket through the proxy would: the session ends with the access it was opened with
      assertThat(open.waitFor(15, TimeUnit.SECONDS)).as("the session ended").isTrue();
      assertThat(open.exitValue()).isNotZero();
      OpenSsh.Result after = openSsh.ssh("gus", "pair.liv", "true");
      assertThat(after.stderr().replace("pair.liv", "nope.liv")).isEqualTo(none.stderr());
    } finally {
      open.destroy();
    }
  }

  @Test
  void onlyAVerifiedSignInIsUseOfAKey() throws Exception {
    String ivy = platform.member(admin, "ivy", PASSWORD).getString("accessToken");
    workspaceOf(ivy, "box");
    openSsh.addKey(ivy, "ivy");

    // the client asks whether the key would do for a login that opens nothing: refused, never signed
    assertThat(openSsh.ssh("ivy", "nope", "true").status()).isEqualTo(255);
    assertThat(lastUsed(ivy)).as("last used after a refused query").isNull();

    assertThat(openSsh.ssh("ivy", "box", "true").status()).isZero();
    assertThat(lastUsed(ivy)).as("last used after a sign-in").isNotNull();
  }

  private static String lastUsed(String token) {
    return platform.get("/api/v1/ssh-keys", token).bodyAsJsonObject().getJsonArray("keys").getJsonObject(0)
        .getString("lastUsedAt");
  }

  private static int setSharing(String token, String workspace, String sharing) {
    return platform.send(io.vertx.core.http.HttpMethod.PUT, "/api/v1/workspaces/" + workspace + "/sharing", token,
        new JsonObject().put("sharing", sharing)).statusCode();
  }

  @Test
  void aDeletedKeyEndsItsOpenSessionAndIsRefusedAfter() throws Exception {
    String ada = platform.member(admin, "ada", PASSWORD).getString("accessToken");
    workspaceOf(ada, "box");
    String key = openSsh.addKey(ada, "ada");
    Process open = OpenSsh.background(openSsh.ssh("ada", "box", List.of(), "echo open; sleep 120"));
    assertThat(readLine(open)).isEqualTo("open");

    assertThat(platform.send(io.vertx.core.http.HttpMethod.DELETE, "/api/v1/ssh-keys/" + key, ada, null).statusCode())
        .isEqualTo(204);

    assertThat(open.waitFor(15, TimeUnit.SECONDS)).as("the session ended").isTrue();
    assertThat(open.exitValue()).isNotZero();
    assertThat(openSsh.ssh("ada", "box", "true").stderr()).contains("Permission denied (publickey)");
  }

  @Test
  void aConnectionWithNoChannelOpenEndsWhenItsKeyIsDeleted() throws Exception {
    String nia = platform.member(admin, "nia", PASSWORD).getString("accessToken");
    workspaceOf(nia, "box");
    String key = openSsh.addKey(nia, "nia");
    int port = OpenSsh.freePort();
    // signed in and holding a forward nobody uses: a connection without a single channel open
    Process idle = OpenSsh.background(openSsh.ssh("nia", "box", List.of("-N", "-L", "127.0.0.1:" + port + ":localhost:8080"), null));
    try {
      await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() -> isBound(port));

      assertThat(platform.send(io.vertx.core.http.HttpMethod.DELETE, "/api/v1/ssh-keys/" + key, nia, null)
          .statusCode()).isEqualTo(204);

      assertThat(idle.waitFor(15, TimeUnit.SECONDS)).as("the idle connection ended").isTrue();
    } finally {
      idle.destroy();
    }
  }

  /** Whether something listens on the port, found without connecting to it (which would open a channel). */
  private static boolean isBound(int port) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(false);
      probe.bind(new java.net.InetSocketAddress("127.0.0.1", port));
      return false;
    } catch (IOException taken) {
      return true;
    }
  }

  @Test
  void aSuspendedUsersSessionEndsAndTheirKeyIsRefused() throws Exception {
    JsonObject signedIn = platform.member(admin, "sam", PASSWORD);
    String sam = signedIn.getString("accessToken");
    workspaceOf(sam, "box");
    openSsh.addKey(sam, "sam");
    Process open = OpenSsh.background(openSsh.ssh("sam", "box", List.of(), "echo open; sleep 120"));
    assertThat(readLine(open)).isEqualTo("open");
    String samId = platform.get("/api/v1/users/me", sam).bodyAsJsonObject().getString("id");

    assertThat(platform.post("/api/v1/users/" + samId + "/suspend", admin, null).statusCode()).isEqualTo(200);

    assertThat(open.waitFor(15, TimeUnit.SECONDS)).as("the session ended").isTrue();
    assertThat(openSsh.ssh("sam", "box", "true").stderr()).contains("Permission denied (publickey)");
  }

  @Test
  void localForwardsReachTheAppPortAndAPortOnlyOnTheWorkspacesLoopback() throws Exception {
    OpenSsh.Result served = openSsh.ssh("mia", "dev", "mkdir -p /tmp/www && echo loopback-only > /tmp/www/index.html"
        + " && busybox httpd -p 127.0.0.1:9090 -h /tmp/www && echo serving");
    assertThat(served.stdout()).as(served.stderr()).isEqualTo("serving\n");
    int app = OpenSsh.freePort();
    int loopbackOnly = OpenSsh.freePort();
    long started = System.nanoTime();
    Process forward = OpenSsh.background(openSsh.ssh("mia", "dev", List.of("-N", "-o", "ExitOnForwardFailure=yes",
        "-L", "127.0.0.1:" + app + ":localhost:8080", "-L", "127.0.0.1:" + loopbackOnly + ":127.0.0.1:9090"), null));
    try {
      HttpResponse<String> health = OpenSsh.getThrough(app, "/healthz");
      System.out.printf("ssh -N -L, then the first HTTP answer through it: %d ms%n",
          (System.nanoTime() - started) / 1_000_000);
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(OpenSsh.getThrough(app, "/healthz").statusCode()).as("a second connection").isEqualTo(200);
      HttpResponse<String> inside = OpenSsh.getThrough(loopbackOnly, "/");
      assertThat(inside.statusCode()).isEqualTo(200);
      assertThat(inside.body()).isEqualTo("loopback-only\n");
    } finally {
      forward.destroy();
    }
  }

  @Test
  void forwardsToOtherHostsThanTheWorkspaceAreRefused() throws Exception {
    int port = OpenSsh.freePort();
    Process forward = OpenSsh.background(openSsh.ssh("mia", "dev", List.of("-N", "-L", "127.0.0.1:" + port + ":10.0.0.1:80"), null));
    try {
      OpenSsh.awaitListening(port);
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(IOException.class);
    } finally {
      forward.destroy();
    }
  }

  @Test
  void aStoppedWorkspaceAnswersWithOneLineSayingSo() throws Exception {
    String tom = platform.member(admin, "tom", PASSWORD).getString("accessToken");
    String workspace = workspaceOf(tom, "box");
    openSsh.addKey(tom, "tom");
    assertThat(platform.post("/api/v1/workspaces/" + workspace + "/stop", tom, new JsonObject()).statusCode())
        .isEqualTo(202);
    await().atMost(Duration.ofSeconds(60)).until(() -> "STOPPED".equals(
        platform.get("/api/v1/workspaces/" + workspace, tom).bodyAsJsonObject().getString("state")));

    OpenSsh.Result refused = openSsh.ssh("tom", "box", "true");

    assertThat(refused.status()).isEqualTo(255);
    assertThat(refused.stderr().strip())
        .isEqualTo("workspace box is stopped: start it with `devsanctum start box` or from the dashboard");
  }

  @Test
  void sessionsBytesAndRefusalsAreCounted() throws Exception {
    openSsh.ssh("mia", "dev", "echo counted");
    openSsh.ssh("mia", "nope", "true");

    String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + platform.managementPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();

    assertThat(metrics).contains("devsanctum_ssh_sessions ", "devsanctum_ssh_bytes_total{direction=\"out\"",
        "devsanctum_ssh_bytes_total{direction=\"in\"", "devsanctum_ssh_auth_failures_total ");
    assertThat(metrics.lines().filter(line -> line.startsWith("devsanctum_ssh_auth_failures_total "))
        .mapToDouble(line -> Double.parseDouble(line.split(" ")[1])).sum()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void agentAndX11ForwardingAreRefusedPolitely() throws Exception {
    OpenSsh.Result result = openSsh.ssh("mia", "dev", "echo still-$((1+1))", "-A", "-o", "ForwardAgent=yes", "-X");

    assertThat(result.stdout()).isEqualTo("still-2\n");
    assertThat(result.status()).isZero();
  }

  @Test
  void sftpInAnImageWithoutAnSftpServerSaysSo() throws Exception {
    List<String> sftp = new ArrayList<>(List.of("sftp", "-P", String.valueOf(platform.sshPort())));
    sftp.addAll(openSsh.options("mia"));
    sftp.addAll(List.of("-b", "-", "dev@127.0.0.1"));

    OpenSsh.Result result = openSsh.run(sftp, "ls\n", Map.of());

    assertThat(result.status()).isNotZero();
    assertThat(result.stderr()).contains("this workspace has no sftp-server");
  }

  @Test
  void twoGatewaysPresentTheSameHostKey() throws Exception {
    GatewayVerticle second = new GatewayVerticle(platform.config(), platform.runtime().meterRegistry());
    String deployment = platform.runtime().vertx().deployVerticle(second).await();
    try {
      String first = hostKey(platform.sshPort());
      assertThat(first).startsWith("ecdsa-sha2-nistp256 ");
      assertThat(hostKey(second.sshPort())).isEqualTo(first);
      // so a client that knows one gateway signs in through the other with no known_hosts warning
      Path knownHosts = dir.resolve("known_hosts_of_first");
      Files.writeString(knownHosts, "[127.0.0.1]:" + second.sshPort() + " " + first + "\n");
      OpenSsh.Result through = openSsh.run(List.of("ssh", "-F", "/dev/null", "-p", String.valueOf(second.sshPort()),
          "-i", dir.resolve("mia").toString(), "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes",
          "-o", "StrictHostKeyChecking=yes", "-o", "UserKnownHostsFile=" + knownHosts, "-l", "dev", "127.0.0.1",
          "echo via-second"), "", Map.of());
      assertThat(through.stdout()).isEqualTo("via-second\n");
    } finally {
      platform.runtime().vertx().undeploy(deployment).await();
    }
  }

  /** The gateway's host key as ssh-keyscan prints it, without the host. */
  private static String hostKey(int port) throws Exception {
    OpenSsh.Result scanned = openSsh.run(List.of("ssh-keyscan", "-p", String.valueOf(port), "-t", "ecdsa", "127.0.0.1"), "", Map.of());
    assertThat(scanned.status()).as(scanned.stderr()).isZero();
    String line = scanned.stdout().lines().filter(l -> !l.startsWith("#")).findFirst().orElseThrow();
    return line.substring(line.indexOf(' ') + 1);
  }

  /** A workspace of the user's own, running; its id. */
  private static String workspaceOf(String token, String name) throws Exception {
    String template = platform.get("/api/v1/templates", token).bodyAsJsonObject().getJsonArray("templates")
        .getJsonObject(0).getString("id");
    String id = platform.post("/api/v1/workspaces", token, new JsonObject().put("templateId", template).put("name", name))
        .bodyAsJsonObject().getString("id");
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (!"RUNNING".equals(platform.get("/api/v1/workspaces/" + id, token).bodyAsJsonObject().getString("state"))) {
      assertThat(System.nanoTime()).as("workspace running").isLessThan(deadline);
      Thread.sleep(250);
    }
    return id;
  }

  private static String readLine(Process process) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = process.getInputStream().read()) >= 0 && c != '\n') {
      line.append((char) c);
    }
    return line.toString();
  }

  private static Path script() throws Exception {
    Path script = dir.resolve("in-a-terminal.py");
    if (!Files.exists(script)) {
      try (var in = SshAccessTest.class.getResourceAsStream("/ssh/in-a-terminal.py")) {
        Files.copy(in, script);
      }
    }
    return script;
  }
}
