package io.devsanctum.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.devsanctum.common.testkit.Command;
import io.devsanctum.standalone.api.Docker;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The devsanctum CLI's jar, run as a process the way its launcher runs it, against the standalone
 * jar started as a process too: sign in with a token, keys, a workspace from the Minimal template
 * through its life, SSH through the CLI and through the block config-ssh writes, and its errors.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliIT {

  record Run(int status, String stdout, String stderr) {
  }

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String hostId = "test-cli-" + UUID.randomUUID().toString().substring(0, 8);
  private Path dir;
  private int port;
  private JarProcess jar;
  private String sshCommand;

  @BeforeAll
  void start() throws Exception {
    Docker.buildMinimalImage();
    dir = Files.createTempDirectory("devsanctum-cli-it-");
    port = JarProcess.freePort();
    Files.createDirectories(dir.resolve("data"));
    jar = JarProcess.standalone(dir.resolve("data"), port,
        Map.of("DEVSANCTUM_DOCKER_HOSTS", hostId + "=unix:///var/run/docker.sock"));
    jar.start().awaitReady(port);
    Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("key").toString())
        .inheritIO().start();
    assertThat(keygen.waitFor()).isZero();
    sshCommand = "ssh -F /dev/null -i " + dir.resolve("key") + " -o IdentitiesOnly=yes -o BatchMode=yes -o LogLevel=ERROR"
        + " -o UserKnownHostsFile=" + dir.resolve("known_hosts");
  }

  @AfterAll
  void stop() throws Exception {
    jar.stop();
    Docker.removeResourcesOf(hostId);
  }

  @Test
  void aWorkspaceThroughItsLifeFromTheCommandLine() throws Exception {
    String token = apiToken();

    Run login = cli("login", "http://127.0.0.1:" + port, "--token", token, "--ssh-port", String.valueOf(jar.sshPort()));
    assertThat(login.status()).as(login.stderr()).isZero();
    assertThat(login.stdout()).contains("Signed in to http://127.0.0.1:" + port + " as ada");
    Path session = dir.resolve("config/session.json");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(session))).isEqualTo("rw-------");
    assertThat(new JsonObject(cli("whoami", "-o", "json").stdout()).getString("username")).isEqualTo("ada");
    assertThat(cli("ssh-keys", "add", "laptop", dir.resolve("key.pub").toString()).status()).isZero();
    assertThat(cli("ssh-keys", "ls").stdout()).contains("laptop", "SHA256:");

    long started = System.nanoTime();
    Run created = cli("create", "demo", "--template", "minimal");
    System.out.printf("devsanctum create demo --template minimal: %d ms%n", (System.nanoTime() - started) / 1_000_000);
    assertThat(created.status()).as(created.stderr()).isZero();
    assertThat(created.stdout()).as("the deployment log, then the outcome").contains("demo is running at http://");
    assertThat(created.stdout().lines().count()).isGreaterThan(3);

    JsonArray listed = new JsonArray(cli("ls", "--output", "json").stdout());
    assertThat(listed.size()).isEqualTo(1);
    assertThat(listed.getJsonObject(0).getString("name")).isEqualTo("demo");
    assertThat(listed.getJsonObject(0).getString("state")).isEqualTo("RUNNING");
    assertThat(cli("ls").stdout()).startsWith("NAME").contains("demo").contains("RUNNING");

    Run command = cli("ssh", "demo", "--", "echo", "hi-$((1+1));", "exit", "7");
    assertThat(command.stdout()).isEqualTo("hi-2\n");
    assertThat(command.status()).as("the remote command's exit status").isEqualTo(7);

    Path sshConfig = dir.resolve("ssh_config");
    Files.writeString(sshConfig, "Host *\n  ServerAliveInterval 30\n");
    assertThat(cli("config-ssh", "--ssh-config", sshConfig.toString()).stdout()).contains("demo.devsanctum");
    assertThat(Files.readString(sshConfig)).contains("Host demo.devsanctum", "User demo", "ServerAliveInterval 30");
    assertThat(cli("config-ssh", "--ssh-config", sshConfig.toString()).status()).isZero();
    assertThat(Files.readString(sshConfig).split("BEGIN DEVSANCTUM", -1)).as("one managed block").hasSize(2);
    Run plain = run(List.of("ssh", "-F", sshConfig.toString(), "-i", dir.resolve("key").toString(),
        "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes", "-o", "UserKnownHostsFile=" + dir.resolve("known_hosts"),
        "demo.devsanctum", "echo via-config"), Map.of());
    assertThat(plain.stdout()).as(plain.stderr()).isEqualTo("via-config\n");

    int local = JarProcess.freePort();
    Process forward = start("port-forward", "demo", "--tcp", local + ":8080");
    try {
      HttpResponse<String> health = getThrough(local, "/healthz");
      assertThat(health.statusCode()).isEqualTo(200);
    } finally {
      forward.destroy();
    }

    Run stopped = cli("stop", "demo");
    assertThat(stopped.status()).as(stopped.stderr()).isZero();
    assertThat(stopped.stdout()).contains("demo is stopped");
    Run refused = cli("ssh", "demo", "--", "true");
    assertThat(refused.status()).isEqualTo(5);
    assertThat(refused.stderr()).isEqualTo("error: demo is stopped: start it with `devsanctum start demo`, or add --start\n");

    assertThat(cli("delete", "demo").status()).as("--yes is asked for").isEqualTo(5);
    Run deleted = cli("delete", "demo", "--yes");
    assertThat(deleted.status()).as(deleted.stderr()).isZero();
    assertThat(new JsonArray(cli("ls", "-o", "json").stdout())).isEmpty();
  }

  @Test
  void templatesPushedFromAFolderAreVersionedAndMakeWorkspaces() throws Exception {
    assertThat(cli("login", "http://127.0.0.1:" + port, "--token", apiToken(), "--ssh-port", "22").status()).isZero();
    Path folder = Files.createDirectories(dir.resolve("pushed-template"));
    JsonObject described = new JsonObject().put("name", "pushed").put("displayName", "Pushed")
        .put("description", "a template kept in a repository")
        .put("spec", new JsonObject().put("image", "devsanctum/workspace-minimal:latest")
            .put("apps", new JsonArray().add(new JsonObject().put("name", "web").put("port", 8080)
                .put("default", true).put("healthPath", "/healthz")))
            .put("memoryMb", 64).put("cpuMillis", 250));
    Files.writeString(folder.resolve("template.json"), described.encodePrettily());

    Run first = cli("templates", "push", folder.toString());
    assertThat(first.status()).as(first.stderr()).isZero();
    assertThat(first.stdout()).contains("Created pushed: version 1");
    described.getJsonObject("spec").put("memoryMb", 96);
    Files.writeString(folder.resolve("template.json"), described.encodePrettily());
    Run second = cli("templates", "push", folder.toString(), "-o", "json");
    assertThat(new JsonObject(second.stdout()).getJsonObject("activeVersion").getInteger("version")).isEqualTo(2);
    assertThat(cli("templates", "ls").stdout()).contains("pushed");

    Run created = cli("create", "frompush", "--template", "pushed");
    assertThat(created.status()).as(created.stderr()).isZero();
    assertThat(cli("delete", "frompush", "--yes").status()).isZero();
  }

  @Test
  void errorsAreOneLineWithExitCodesScriptsCanTrust() throws Exception {
    assertThat(cli("login", "http://127.0.0.1:" + port, "--token", apiToken(), "--ssh-port", "22").status()).isZero();

    Run missing = cli("start", "nope");
    assertThat(missing.status()).isEqualTo(4);
    assertThat(missing.stderr()).isEqualTo("error: no workspace named nope\n");
    Run invalid = cli("create", "Not_A_Name", "--template", "minimal");
    assertThat(invalid.status()).isEqualTo(5);
    assertThat(invalid.stderr()).startsWith("error: ").contains("name").doesNotContain("Exception").hasLineCount(1);
    assertThat(cli("frobnicate").status()).as("usage").isEqualTo(2);
    assertThat(cli("ssh", "--help").stdout()).contains("Usage: devsanctum ssh");

    assertThat(cli("logout").stdout()).contains("Signed out");
    Run signedOut = cli("ls");
    assertThat(signedOut.status()).isEqualTo(3);
    assertThat(signedOut.stderr()).isEqualTo("error: not signed in: run `devsanctum login <url>` first\n");
  }

  @Test
  void theAuditLogListsWhatWasDoneForAnOwnerAndRefusesAMember() throws Exception {
    JsonObject issued = issueToken("ada", "correct horse battery");
    String url = "http://127.0.0.1:" + port;
    assertThat(cli("login", url, "--token", issued.getString("token"), "--ssh-port", "22").status()).isZero();

    // auth-service's records arrive through its outbox, a moment after the action
    JsonArray tokensMade = await().atMost(Duration.ofSeconds(20)).until(
        () -> new JsonArray(cli("audit", "--actor", "ada", "--action", "token.create", "--since", "1h", "-o", "json").stdout()),
        found -> found.stream().anyMatch(r -> issued.getString("id").equals(((JsonObject) r).getJsonObject("target").getString("id"))));
    assertThat(tokensMade).allSatisfy(r -> {
      assertThat(((JsonObject) r).getString("action")).isEqualTo("token.create");
      assertThat(((JsonObject) r).getJsonObject("actor").getString("name")).isEqualTo("ada");
    });
    Run table = cli("audit", "--actor", "ada");
    assertThat(table.status()).as(table.stderr()).isZero();
    assertThat(table.stdout()).startsWith("TIME").contains("session.sign-in", "token.create", "success");
    assertThat(new JsonArray(cli("audit", "--limit", "1", "-o", "json").stdout())).hasSize(1);
    assertThat(new JsonArray(cli("audit", "--until", "2020-01-01", "-o", "json").stdout())).isEmpty();

    Run csv = cli("audit", "--action", "token.create", "-o", "csv");
    assertThat(csv.status()).as(csv.stderr()).isZero();
    List<List<String>> rows = csvRows(csv.stdout());
    List<String> header = rows.get(0);
    assertThat(header).startsWith("occurredAt", "actorKind", "actorId", "actorName", "action", "targetType", "targetId");
    assertThat(rows.subList(1, rows.size())).isNotEmpty().allSatisfy(row -> {
      assertThat(row).hasSameSizeAs(header);
      assertThat(row.get(header.indexOf("action"))).isEqualTo("token.create");
    });
    assertThat(rows).anySatisfy(row -> assertThat(row.get(header.indexOf("targetId"))).isEqualTo(issued.getString("id")));

    Run badAction = cli("audit", "--action", "frobnicate");
    assertThat(badAction.status()).isEqualTo(5);
    assertThat(badAction.stderr()).startsWith("error: ").hasLineCount(1);

    HttpResponse<String> member = post("/api/v1/users", issued.getString("access"), new JsonObject()
        .put("email", "mel@example.com").put("username", "mel").put("password", "mel's long password"));
    assertThat(member.statusCode()).as(member.body()).isEqualTo(201);
    assertThat(cli("login", url, "--token", issueToken("mel", "mel's long password").getString("token"),
        "--ssh-port", "22").status()).isZero();
    Run refused = cli("audit");
    assertThat(refused.status()).isEqualTo(1);
    assertThat(refused.stderr()).isEqualTo("error: the audit log is for auditors and owners (HTTP 403):"
        + " the role member may not do this (it needs audit.read)\n");
    assertThat(refused.stdout()).isEmpty();
  }

  @Test
  void aTokenCreatedWithWorkspacesReadListsButMayNotStartAndStopsWorkingOnceRevoked() throws Exception {
    String url = "http://127.0.0.1:" + port;
    JsonObject issued = issueToken("ada", "correct horse battery");
    assertThat(cli("login", url, "--token", issued.getString("token"), "--ssh-port", "22").status()).isZero();
    Run workspace = cli("create", "readable", "--template", "minimal");
    assertThat(workspace.status()).as(workspace.stderr()).isZero();
    try {
      tokensWithScopes(url, issued);
    } finally {
      assertThat(cli("delete", "readable", "--yes").status()).isZero();
    }
  }

  /** Against the running workspace {@code readable}, signed in as ada with {@code issued}. */
  private void tokensWithScopes(String url, JsonObject issued) throws Exception {
    Run made = cli("tokens", "create", "reader", "--scope", "workspaces:read", "--expires-in", "1d", "-o", "json");
    assertThat(made.status()).as(made.stderr()).isZero();
    JsonObject reader = new JsonObject(made.stdout());
    assertThat(reader.getString("token")).startsWith("dst_");
    assertThat(reader.getJsonArray("scopes").getList()).containsExactly("workspaces:read");
    JsonObject listed = new JsonArray(cli("tokens", "ls", "--output", "json").stdout()).stream().map(JsonObject.class::cast)
        .filter(token -> token.getString("id").equals(reader.getString("id"))).findFirst().orElseThrow();
    assertThat(listed.getJsonArray("scopes").getList()).containsExactly("workspaces:read");
    assertThat(listed.getString("expiresAt")).isNotNull();
    assertThat(listed.containsKey("token")).as("a token's value is shown only when it is made").isFalse();
    Run table = cli("tokens", "ls");
    assertThat(table.stdout()).startsWith("NAME").contains("reader", reader.getString("id"), "workspaces:read", "all");

    Path readerConfig = dir.resolve("reader-config");
    assertThat(cliIn(readerConfig, "login", url, "--token", reader.getString("token"), "--ssh-port", "22").status()).isZero();
    Run readable = cliIn(readerConfig, "ls");
    assertThat(readable.status()).as(readable.stderr()).isZero();
    assertThat(readable.stdout()).contains("readable", "RUNNING");
    Run start = cliIn(readerConfig, "start", "readable");
    assertThat(start.status()).isEqualTo(1);
    assertThat(start.stderr()).isEqualTo("error: this API token lacks the scope workspaces:write\n");

    Run revoked = cli("tokens", "rm", "reader");
    assertThat(revoked.status()).as(revoked.stderr()).isZero();
    assertThat(revoked.stdout()).isEqualTo("Revoked reader (" + reader.getString("id") + ")\n");
    assertThat(new JsonArray(cli("tokens", "ls", "-o", "json").stdout()).stream().map(JsonObject.class::cast)
        .map(token -> token.getString("id"))).doesNotContain(reader.getString("id"));
    Run whoami = cliIn(readerConfig, "whoami");
    assertThat(whoami.status()).as("the revoked token is refused").isEqualTo(3);
    assertThat(whoami.stderr()).startsWith("error: ").hasLineCount(1);
    assertThat(cli("tokens", "rm", "reader").status()).as("no longer there").isEqualTo(4);

    Run shown = cli("tokens", "create", "once");
    assertThat(shown.status()).as(shown.stderr()).isZero();
    assertThat(shown.stdout()).contains("Created token once", "scopes all", "does not expire", "only time it is shown")
        .containsPattern("(?m)^dst_[A-Za-z0-9_-]+$");
    String onceId = new JsonArray(cli("tokens", "ls", "-o", "json").stdout()).stream().map(JsonObject.class::cast)
        .filter(token -> token.getString("name").equals("once")).findFirst().orElseThrow().getString("id");
    assertThat(cli("tokens", "rm", onceId).stdout()).isEqualTo("Revoked once (" + onceId + ")\n");

    HttpResponse<String> member = post("/api/v1/users", issued.getString("access"), new JsonObject()
        .put("email", "sam@example.com").put("username", "sam").put("password", "sam's long password"));
    assertThat(member.statusCode()).as(member.body()).isEqualTo(201);
    Path memberConfig = dir.resolve("member-config");
    assertThat(cliIn(memberConfig, "login", url, "--token", issueToken("sam", "sam's long password").getString("token"),
        "--ssh-port", "22").status()).isZero();
    Run tooMuch = cliIn(memberConfig, "tokens", "create", "too-much", "--scope", "users:write");
    assertThat(tooMuch.status()).isEqualTo(1);
    assertThat(tooMuch.stderr()).isEqualTo("error: the role member may not hold the scope users:write\n");
    assertThat(tooMuch.stdout()).isEmpty();
  }

  /** A first admin (once) and a new API token of theirs. */
  private String apiToken() throws Exception {
    return issueToken("ada", "correct horse battery").getString("token");
  }

  /** A new API token of {@code login} (made the first admin when there is none yet), its id, and their access token. */
  private JsonObject issueToken(String login, String password) throws Exception {
    post("/api/v1/setup/first-admin", null, new JsonObject().put("email", "ada@example.com").put("username", "ada")
        .put("password", "correct horse battery"));
    String access = new JsonObject(post("/api/v1/auth/sign-in", null, new JsonObject().put("login", login)
        .put("password", password)).body()).getString("accessToken");
    HttpResponse<String> token = post("/api/v1/api-tokens", access,
        new JsonObject().put("name", "cli-" + UUID.randomUUID().toString().substring(0, 8)));
    assertThat(token.statusCode()).as(token.body()).isEqualTo(201);
    return new JsonObject(token.body()).put("access", access);
  }

  /** RFC 4180 records: quoted fields may hold commas, quotes (doubled) and line breaks. */
  private static List<List<String>> csvRows(String text) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        row.add(field.toString());
        field.setLength(0);
      } else if (c == '\n') {
        row.add(field.toString());
        field.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
      } else if (c != '\r') {
        field.append(c);
      }
    }
    assertThat(quoted).as("every quote closed").isFalse();
    assertThat(row).as("the last record ends its line").isEmpty();
    return rows;
  }

  private HttpResponse<String> post(String path, String bearer, JsonObject body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.encode()));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private Run cli(String... args) throws Exception {
    return cliIn(dir.resolve("config"), args);
  }

  /** The CLI with its sign-in kept in {@code config}: a second user, or a second token, beside the first. */
  private Run cliIn(Path config, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("java", "-jar", System.getProperty("devsanctum.cli.jar")));
    command.addAll(List.of(args));
    return run(command, Map.of("DEVSANCTUM_CONFIG_DIR", config.toString(), "DEVSANCTUM_SSH_COMMAND", sshCommand));
  }

  private Process start(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("java", "-jar", System.getProperty("devsanctum.cli.jar")));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("port-forward.txt").toFile());
    builder.environment().putAll(Map.of("DEVSANCTUM_CONFIG_DIR", dir.resolve("config").toString(),
        "DEVSANCTUM_SSH_COMMAND", sshCommand));
    return builder.start();
  }

  /** A GET through a forwarded port, once it listens. */
  private HttpResponse<String> getThrough(int local, String path) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      try {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + local + path))
            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
      } catch (java.io.IOException notYet) {
        assertThat(System.nanoTime()).as("the forwarded port answers").isLessThan(deadline);
        Thread.sleep(100);
      }
    }
  }

  private Run run(List<String> command, Map<String, String> env) {
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.environment().putAll(env);
    Command.Outcome outcome = Command.execute(Duration.ofMinutes(3), builder, false);
    return new Run(outcome.exitCode(), outcome.output(), outcome.errors());
  }
}
