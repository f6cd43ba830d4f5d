package io.devsanctum.standalone.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.devsanctum.common.testkit.Command;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Debian's OpenSSH client (ssh, ssh-keygen, scp, sftp) and rsync, run against a platform's SSH listener. */
final class OpenSsh {

  record Result(int status, String stdout, String stderr) {
  }

  private final Platform platform;
  private final Path dir;

  OpenSsh(Platform platform, Path dir) {
    this.platform = platform;
    this.dir = dir;
  }

  Path dir() {
    return dir;
  }

  /** A new ed25519 key pair {@code name} in the directory; its public half. */
  String keygen(String name) throws Exception {
    Result made = run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f",
        dir.resolve(name).toString()), "", Map.of());
    assertThat(made.status()).as(made.stderr()).isZero();
    return Files.readString(dir.resolve(name + ".pub")).trim();
  }

  /** Registers a new key pair {@code name} for the token's user; the key's id. */
  String addKey(String token, String name) throws Exception {
    String publicKey = keygen(name);
    var response = platform.post("/api/v1/ssh-keys", token, new JsonObject().put("name", name).put("publicKey", publicKey));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject().getString("id");
  }

  /** ssh's options to reach the platform with key {@code key} and nothing of this machine's SSH settings. */
  List<String> options(String key) {
    return List.of("-F", "/dev/null", "-i", dir.resolve(key).toString(), "-o", "IdentitiesOnly=yes",
        "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=accept-new",
        "-o", "UserKnownHostsFile=" + dir.resolve("known_hosts"), "-o", "LogLevel=ERROR");
  }

  List<String> ssh(String key, String login, List<String> extraOptions, String remote) {
    List<String> command = new ArrayList<>(List.of("ssh", "-p", String.valueOf(platform.sshPort())));
    command.addAll(options(key));
    command.addAll(List.of("-l", login));
    command.addAll(extraOptions);
    command.add("127.0.0.1");
    if (remote != null) {
      command.add(remote);
    }
    return command;
  }

  Result ssh(String key, String login, String remote, String... extraOptions) throws Exception {
    return run(ssh(key, login, List.of(extraOptions), remote), "", Map.of());
  }

  Result run(List<String> command, String input, Map<String, String> env) throws Exception {
    Path in = Files.createTempFile(dir, "in", ".txt");
    Files.writeString(in, input);
    return run(command, in, env);
  }

  /** {@code command} with its input read from {@code input}, as a shell's {@code < input} gives it. */
  Result run(List<String> command, Path input, Map<String, String> env) {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectInput(input.toFile());
    builder.environment().putAll(env);
    Command.Outcome outcome = Command.execute(Duration.ofMinutes(2), builder, false);
    return new Result(outcome.exitCode(), outcome.output(), outcome.errors());
  }

  /** A free port on loopback, for a local forward. */
  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** {@code command} (an {@code ssh -N -L …}, say) running in the background, its errors on the test's. */
  public static Process background(List<String> command) throws IOException {
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }

  public static void awaitListening(int port) {
    await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() -> {
      try (Socket socket = new Socket("127.0.0.1", port)) {
        return true;
      } catch (IOException notYet) {
        return false;
      }
    });
  }

  /** An HTTP GET through a local forward on {@code port}, once it listens. */
  public static HttpResponse<String> getThrough(int port, String path) throws Exception {
    awaitListening(port);
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(15)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
