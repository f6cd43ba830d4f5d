package io.devsanctum.standalone.faults;

import io.devsanctum.common.testkit.Command;
import io.devsanctum.standalone.JarProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of Debian's {@code postgresql} package (scripts/ensure-postgresql.sh installs
 * it), in a scratch cluster of its own on a free loopback port, that a test can restart and stop.
 * PostgreSQL refuses to run as root, so under root it runs as the package's {@code postgres} user.
 */
final class DebianPostgres implements AutoCloseable {

  private static final Path INSTALLATIONS = Path.of("/usr/lib/postgresql");

  private final Path bin;
  private final Path root;
  private final Path data;
  private final int port;
  private boolean running;

  private DebianPostgres(Path bin, Path root, int port) {
    this.bin = bin;
    this.root = root;
    this.data = root.resolve("data");
    this.port = port;
  }

  /** Initialises a cluster in a scratch directory and starts it. */
  static DebianPostgres startScratchCluster() throws Exception {
    DebianPostgres postgres = new DebianPostgres(binaries(), Files.createTempDirectory("devsanctum-debian-pg-"),
        JarProcess.freePort());
    Files.setPosixFilePermissions(postgres.root, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.createDirectories(postgres.data);
    if (asRoot()) {
      UserPrincipal owner = postgres.root.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
      Files.setOwner(postgres.data, owner);
    }
    postgres.run("initdb", "-D", postgres.data.toString(), "-A", "trust", "-U", "postgres", "--no-sync");
    postgres.start();
    return postgres;
  }

  /** A URL for DEVSANCTUM_DATABASE_URL. */
  String url() {
    return "postgresql://postgres@127.0.0.1:" + port + "/postgres";
  }

  void start() throws Exception {
    run("pg_ctl", "-D", data.toString(), "-l", data.resolve("server.log").toString(), "-w",
        "-o", "-p " + port + " -k " + data + " -c listen_addresses=127.0.0.1", "start");
    running = true;
  }

  /** Fast shutdown (connections are cut), then start again. */
  void restart() throws Exception {
    run("pg_ctl", "-D", data.toString(), "-l", data.resolve("server.log").toString(), "-w", "-m", "fast",
        "-o", "-p " + port + " -k " + data + " -c listen_addresses=127.0.0.1", "restart");
  }

  void stop() throws Exception {
    run("pg_ctl", "-D", data.toString(), "-w", "-m", "fast", "stop");
    running = false;
  }

  @Override
  public void close() throws Exception {
    if (running) {
      stop();
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private void run(String program, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    if (asRoot()) {
      command.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    command.add(bin.resolve(program).toString());
    command.addAll(List.of(args));
    Command.run(Duration.ofMinutes(1), command);
  }

  /** The binaries of the newest PostgreSQL major version the package installed. */
  private static Path binaries() throws IOException {
    if (!Files.isDirectory(INSTALLATIONS)) {
      throw new AssertionError("Debian's postgresql package is not installed; run scripts/ensure-postgresql.sh");
    }
    try (Stream<Path> versions = Files.list(INSTALLATIONS)) {
      return versions.map(version -> version.resolve("bin"))
          .filter(bin -> Files.isExecutable(bin.resolve("postgres")))
          .max(Comparator.comparingInt(bin -> Integer.parseInt(bin.getParent().getFileName().toString())))
          .orElseThrow(() -> new AssertionError("no PostgreSQL binaries under " + INSTALLATIONS
              + "; run scripts/ensure-postgresql.sh"));
    }
  }

  private static boolean asRoot() {
    return "root".equals(System.getProperty("user.name"));
  }
}
