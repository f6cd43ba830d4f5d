package io.devsanctum.standalone;

import io.devsanctum.common.config.Env;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (binaries shipped through Maven by zonky) whose data lives under the
 * DevSanctum data directory, so it survives restarts. Used when no database URL is configured.
 * Durable like any PostgreSQL: a write the API acknowledged is on disk ({@code fsync} and
 * {@code synchronous_commit} on, unlike the library's test defaults), unless the operator opts into
 * {@value #UNSAFE_NO_FSYNC}.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  /** Opt-in: trade durability for write speed, for throw-away installations. */
  public static final String UNSAFE_NO_FSYNC = "DEVSANCTUM_EMBEDDED_DATABASE_UNSAFE_NO_FSYNC";

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
  /** Crash recovery after an unclean stop replays the write-ahead log before the server accepts connections. */
  private static final Duration STARTUP_PATIENCE = Duration.ofSeconds(60);

  private final EmbeddedPostgres postgres;

  private EmbeddedDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /**
   * Blocking: initialises the data directory on first use, stops a server an earlier run left on it,
   * then starts the server on a free port.
   */
  public static EmbeddedDatabase start(Path dataDir, Env env) throws IOException {
    Path pgData = dataDir.resolve("postgres");
    Files.createDirectories(dataDir);
    LeftoverPostmaster.stopIfRunning(pgData);
    boolean unsafe = env.bool(UNSAFE_NO_FSYNC, false);
    String durability = unsafe ? "off" : "on";
    long started = System.nanoTime();
    EmbeddedPostgres postgres = EmbeddedPostgres.builder()
        .setDataDirectory(pgData)
        .setCleanDataDirectory(false)
        .setServerConfig("listen_addresses", "127.0.0.1")
        // the library starts the server with -F (fsync off) and synchronous_commit off; these come later and win
        .setServerConfig("fsync", durability)
        .setServerConfig("synchronous_commit", durability)
        .setServerConfig("full_page_writes", "on")
        // DevSanctum's tables are a few MB even with thousands of workspaces: PostgreSQL's default
        // 128 MB of shared buffers would only show up as memory in every one of its processes
        .setServerConfig("shared_buffers", "32MB")
        .setPGStartupWait(STARTUP_PATIENCE)
        // stopped by the standalone's own shutdown hook, after the services that use it
        .setRegisterShutdownHook(false)
        .start();
    if (unsafe) {
      LOG.warn("embedded PostgreSQL runs with fsync and synchronous_commit off ({}=true): a crash of this machine "
          + "can lose or corrupt data the API reported as saved", UNSAFE_NO_FSYNC);
    }
    LOG.info("embedded PostgreSQL started on 127.0.0.1:{} with data in {} ({} ms)",
        postgres.getPort(), pgData, (System.nanoTime() - started) / 1_000_000);
    return new EmbeddedDatabase(postgres);
  }

  public String url() {
    return "postgresql://postgres:postgres@127.0.0.1:" + postgres.getPort() + "/postgres";
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }
}
