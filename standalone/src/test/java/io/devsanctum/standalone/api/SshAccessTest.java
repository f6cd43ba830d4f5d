package io.devsanctum.standalone.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
  private static String admin;
  private static String mia;
  private static String miaKeyId;

  @BeforeAll
  static void start() throws Exception {
    Docker.buildMinimalImage();
    platform = Platform.start();
    dir = Files.createTempDirectory("ssh-access-test");
    admin = platform.firstAdmin("root", "correct horse battery").getString("accessToken");
    mia = platform.member(admin, "mia", PASSWORD).getString("accessToken");
    String template = platform.post("/api/v1/templates", admin, new JsonObject().put("name", "minimal")
        .put("spec", new JsonObject().put("image", "devsanctum/workspace-minimal:latest")
            .put("apps", new JsonArray().add(new JsonObject().put("name", "web").put("port", 8080)
                .put("default", true).put("healthPath", "/healthz")))
            .put("memoryMb", 64).put("cpuMillis", 250))).bodyAsJsonObject().getString("id");
    String workspace = platform.post("/api/v1/workspaces", mia,
        new JsonObject().put("templateId", template).put("name", "dev")).bodyAsJsonObject().getString("id");
    miaKeyId = addKey(mia, "mia");
    addKey(admin, "root");
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (!"RUNNING".equals(platform.get("/api/v1/workspaces/" + workspace, mia).bodyAsJsonObject().getString("state"))) {
      assertThat(System.nanoTime()).as("workspace running").isLessThan(deadline);
      Thread.sleep(250);
    }
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  @Test
  void aCommandPrintsItsOutputAndExitsWithItsStatus() throws Exception {
    long started = System.nanoTime();
    Result result = ssh("mia", "dev", "echo $((6*7)); exit 3");

    System.out.printf("ssh dev@ 'echo $((6*7)); exit 3': %d ms from connect to exit%n",
        (System.nanoTime() - started) / 1_000_000);
    assertThat(result.stdout()).isEqualTo("42\n");
    assertThat(result.status()).isEqualTo(3);
  }

  @Test
  void aCommandKeepsStdoutAndStderrApart() throws Exception {
    Result result = ssh("mia", "dev", "echo out; echo err >&2; id -u");

    assertThat(result.stdout()).isEqualTo("out\n1000\n");
    assertThat(result.stderr()).isEqualTo("err\n");
    assertThat(result.status()).isZero();
  }

  @Test
  void anInteractiveShellHasATerminalThatFollowsResizes() throws Exception {
    List<String> command = new ArrayList<>(List.of("python3", script().toString()));
    command.addAll(sshCommand("mia", "dev", List.of("-tt"), null));
    String steps = "\techo term-$TERM; stty size; echo first-$((1+1))\n"
        + "first-2\tRESIZE 100 30\n"
        + "first-2\tsleep 1; stty size; echo second-$((2+1))\n"
        + "second-3\texit 5\n";
    long started = System.nanoTime();
    Result result = run(command, steps, Map.of("TERM", "xterm"));

    System.out.printf("interactive ssh -tt session: %d ms%n", (System.nanoTime() - started) / 1_000_000);
    assertThat(result.stdout()).contains("term-xterm", "24 80", "first-2", "30 100", "second-3");
    assertThat(result.status()).isEqualTo(5);
  }

  @Test
  void anAdminOpensAnotherUsersWorkspaceByItsOwnerName() throws Exception {
    assertThat(ssh("root", "dev.mia", "echo $DEVSANCTUM_OWNER_NAME").stdout()).isEqualTo("mia\n");
  }

  @Test
  void unknownKeysAndOtherUsersWorkspacesGetTheSameRefusal() throws Exception {
    keygen("stranger");
    String eve = platform.member(admin, "eve", PASSWORD).getString("accessToken");
    addKey(eve, "eve");

    List<Result> refusals = List.of(ssh("stranger", "dev", "true"), ssh("eve", "dev.mia", "true"),
        ssh("eve", "dev", "true"), ssh("mia", "nope", "true"), ssh("mia", "Not A Name", "true"));

    assertThat(refusals).allSatisfy(refused -> {
      assertThat(refused.status()).isEqualTo(255);
      assertThat(refused.stderr()).contains("Permission denied (publickey)");
    });
    // the same words whatever the reason (the client puts the login it used in front)
    assertThat(refusals).extracting(refused -> refused.stderr().substring(refused.stderr().indexOf(": ")))
        .containsOnly(": Permission denied (publickey).\n");
  }

  @Test
  void aDeletedKeyEndsItsOpenSessionAndIsRefusedAfter() throws Exception {
    String ada = platform.member(admin, "ada", PASSWORD).getString("accessToken");
    String workspace = workspaceOf(ada, "box");
    String key = addKey(ada, "ada");
    Process open = start(sshCommand("ada", "box", List.of(), "echo open; sleep 120"));
    assertThat(readLine(open)).isEqualTo("open");

    assertThat(platform.send(io.vertx.core.http.HttpMethod.DELETE, "/api/v1/ssh-keys/" + key, ada, null).statusCode())
        .isEqualTo(204);

    assertThat(open.waitFor(15, TimeUnit.SECONDS)).as("the session ended").isTrue();
    assertThat(open.exitValue()).isNotZero();
    assertThat(ssh("ada", "box", "true").status()).isEqualTo(255);
    assertThat(workspace).isNotNull();
  }

  @Test
  void aSuspendedUsersSessionEndsAndTheirKeyIsRefused() throws Exception {
    JsonObject signedIn = platform.member(admin, "sam", PASSWORD);
    String sam = signedIn.getString("accessToken");
    workspaceOf(sam, "box");
    addKey(sam, "sam");
    Process open = start(sshCommand("sam", "box", List.of(), "echo open; sleep 120"));
    assertThat(readLine(open)).isEqualTo("open");
    String samId = platform.get("/api/v1/users/me", sam).bodyAsJsonObject().getString("id");

    assertThat(platform.post("/api/v1/users/" + samId + "/suspend", admin, null).statusCode()).isEqualTo(200);

    assertThat(open.waitFor(15, TimeUnit.SECONDS)).as("the session ended").isTrue();
    assertThat(ssh("sam", "box", "true").status()).isEqualTo(255);
  }

  @Test
  void agentAndPortForwardingAreRefusedPolitely() throws Exception {
    Result result = ssh("mia", "dev", "echo still-$((1+1))", "-A", "-o", "ForwardAgent=yes");

    assertThat(result.stdout()).isEqualTo("still-2\n");
    assertThat(result.status()).isZero();
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

  /** Registers a new key pair {@code name} for the token's user; the key's id. */
  private static String addKey(String token, String name) throws Exception {
    String publicKey = keygen(name);
    var response = platform.post("/api/v1/ssh-keys", token, new JsonObject().put("name", name).put("publicKey", publicKey));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject().getString("id");
  }

  private static String keygen(String name) throws Exception {
    Result made = run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f",
        dir.resolve(name).toString()), "", Map.of());
    assertThat(made.status()).as(made.stderr()).isZero();
    return Files.readString(dir.resolve(name + ".pub")).trim();
  }

  private static List<String> sshCommand(String key, String login, List<String> options, String remote) {
    List<String> command = new ArrayList<>(List.of("ssh", "-F", "/dev/null", "-p", String.valueOf(platform.sshPort()),
        "-i", dir.resolve(key).toString(), "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes",
        "-o", "StrictHostKeyChecking=accept-new", "-o", "UserKnownHostsFile=" + dir.resolve("known_hosts"),
        "-o", "LogLevel=ERROR", "-l", login));
    command.addAll(options);
    command.add("127.0.0.1");
    if (remote != null) {
      command.add(remote);
    }
    return command;
  }

  private static Result ssh(String key, String login, String remote, String... options) throws Exception {
    return run(sshCommand(key, login, List.of(options), remote), "", Map.of());
  }

  record Result(int status, String stdout, String stderr) {
  }

  private static Result run(List<String> command, String input, Map<String, String> env) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(env);
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().close();
    assertThat(process.waitFor(90, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
    return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  private static Process start(List<String> command) throws IOException {
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
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
