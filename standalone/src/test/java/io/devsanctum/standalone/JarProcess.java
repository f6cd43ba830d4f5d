package io.devsanctum.standalone;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built jar ({@code devsanctum.jar}) as a process of its own, the way the README starts it:
 * started with the given environment and arguments, its output appended to one log file across
 * restarts, stopped cleanly (SIGTERM) or killed (SIGKILL, nothing runs after it).
 */
public final class JarProcess implements AutoCloseable {

  private static final Duration READY_WITHIN = Duration.ofSeconds(90);
  private static final Pattern EMBEDDED_PORT = Pattern.compile("embedded PostgreSQL started on 127\\.0\\.0\\.1:(\\d+)");

  private final Map<String, String> env;
  private final List<String> args;
  private final Path log;
  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
  private Process process;
  private long startedAt;

  /** {@code env} is added to this JVM's environment; a {@code null} value removes a variable. */
  public JarProcess(Map<String, String> env, Path log, String... args) {
    this.env = new HashMap<>(env);
    // a gateway's metrics listener, on a port of its own so that several processes can run at once
    this.env.computeIfAbsent("DEVSANCTUM_MANAGEMENT_PORT", name -> Integer.toString(uncheckedFreePort()));
    this.env.computeIfAbsent("DEVSANCTUM_SSH_PORT", name -> Integer.toString(uncheckedFreePort()));
    this.args = List.of(args);
    this.log = log;
  }

  /** A standalone DevSanctum on {@code port} with its own data directory (so its own embedded PostgreSQL). */
  public static JarProcess standalone(Path dataDir, int port, Map<String, String> extraEnv) {
    Map<String, String> env = new HashMap<>(extraEnv);
    env.put("DEVSANCTUM_DATA_DIR", dataDir.toString());
    env.put("DEVSANCTUM_HTTP_PORT", Integer.toString(port));
    env.put("DEVSANCTUM_HTTP_HOST", "127.0.0.1");
    env.putIfAbsent("DEVSANCTUM_DATABASE_URL", null);
    return new JarProcess(env, dataDir.resolve("devsanctum.log"));
  }

  /** Where this process's gateway serves its metrics. */
  public int managementPort() {
    return Integer.parseInt(env.get("DEVSANCTUM_MANAGEMENT_PORT"));
  }

  /** Where this process's gateway listens for SSH. */
  public int sshPort() {
    return Integer.parseInt(env.get("DEVSANCTUM_SSH_PORT"));
  }

  private static int uncheckedFreePort() {
    try {
      return freePort();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  public JarProcess start() throws IOException {
    String jar = System.getProperty("devsanctum.jar", "target/devsanctum.jar");
    // started as the scripts start it, with the JVM options shipped beside the module
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "@jvm.options", "-jar", jar));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    env.forEach((name, value) -> {
      if (value == null) {
        builder.environment().remove(name);
      } else {
        builder.environment().put(name, value);
      }
    });
    startedAt = System.nanoTime();
    process = builder.start();
    return this;
  }

  /** Waits until {@code /health/ready} on {@code port} answers 200; the time since the start. */
  public Duration awaitReady(int port) throws Exception {
    long deadline = startedAt + READY_WITHIN.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("the jar ended (exit " + process.exitValue() + ") before it was ready; log:\n" + log());
      }
      try {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/health/ready")).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return Duration.ofNanos(System.nanoTime() - startedAt);
        }
      } catch (IOException notListeningYet) {
        // keep polling until the bound
      }
      Thread.sleep(50);
    }
    throw new AssertionError("not ready within " + READY_WITHIN + "; log:\n" + log());
  }

  /** Waits until the log (of this run or an earlier one) contains {@code text}. */
  public void awaitLog(String text) throws Exception {
    long deadline = System.nanoTime() + READY_WITHIN.toNanos();
    while (!log().contains(text)) {
      if (!process.isAlive()) {
        throw new AssertionError("the jar ended before logging '" + text + "'; log:\n" + log());
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the jar did not log '" + text + "' within " + READY_WITHIN + "; log:\n" + log());
      }
      Thread.sleep(50);
    }
  }

  /** Waits for a run that is meant to end by itself (say a refused configuration); its exit status. */
  public int awaitExit() throws Exception {
    if (!process.waitFor(READY_WITHIN.toSeconds(), TimeUnit.SECONDS)) {
      throw new AssertionError("the jar did not end within " + READY_WITHIN + "; log:\n" + log());
    }
    return process.exitValue();
  }

  /** SIGKILL: the JVM ends at once, running no shutdown hook. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** SIGTERM, then SIGKILL if it has not ended within 30 s. */
  public void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        kill();
      }
    }
  }

  public long pid() {
    return process.pid();
  }

  public boolean alive() {
    return process != null && process.isAlive();
  }

  public Path logFile() {
    return log;
  }

  public String log() throws IOException {
    return Files.exists(log) ? Files.readString(log) : "";
  }

  /** The port of the embedded PostgreSQL the latest run started. */
  public int embeddedDatabasePort() throws IOException {
    Matcher matcher = EMBEDDED_PORT.matcher(log());
    int port = -1;
    while (matcher.find()) {
      port = Integer.parseInt(matcher.group(1));
    }
    if (port < 0) {
      throw new AssertionError("no embedded PostgreSQL was started; log:\n" + log());
    }
    return port;
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }
}
