package io.devsanctum.standalone.faults;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A second Docker host for the tests: the local engine's socket forwarded on a loopback TCP port by
 * a process of its own (the provisioner tests' forwarder), which the test can freeze (SIGSTOP: the
 * kernel still accepts connections, nothing answers), thaw, kill, and start again on the same port.
 */
final class ForwardedDockerHost implements AutoCloseable {

  private Process process;
  private int port;

  /** Starts forwarding on a free port. */
  static ForwardedDockerHost start() throws Exception {
    ForwardedDockerHost host = new ForwardedDockerHost();
    host.launch(0);
    return host;
  }

  String endpoint() {
    return "tcp://127.0.0.1:" + port;
  }

  void freeze() throws Exception {
    signal("STOP");
  }

  void thaw() throws Exception {
    signal("CONT");
  }

  /** SIGKILL: the host is gone, connections are refused. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** The host back on the same endpoint. */
  void restart() throws Exception {
    launch(port);
  }

  @Override
  public void close() throws Exception {
    if (process != null && process.isAlive()) {
      thaw();
      kill();
    }
  }

  private void launch(int wantedPort) throws Exception {
    process = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        "io.devsanctum.provisioner.DockerSocketForwarder", Integer.toString(wantedPort)))
        .redirectErrorStream(true)
        .start();
    BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line = output.readLine();
    if (line == null || !line.startsWith("listening on ")) {
      throw new AssertionError("the Docker socket forwarder did not start: " + line);
    }
    port = Integer.parseInt(line.substring("listening on ".length()).trim());
  }

  private void signal(String signal) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new AssertionError("kill -" + signal + " " + process.pid() + " failed");
    }
  }
}
