package io.devsanctum.common.db;

import io.devsanctum.common.config.DatabaseConfig;
import io.devsanctum.common.runtime.Outage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnection;

/**
 * The database's {@link Outage} in a Vert.x instance: begun by the first request that finds the
 * database unreachable, ended by a probe on a connection of its own (so it does not depend on a
 * pool that may be closed meanwhile).
 */
public final class DatabaseOutage {

  static final String DEPENDENCY = "the database";

  private DatabaseOutage() {
  }

  /** Makes the outages of {@code database} known to this Vert.x instance; the first call wins. */
  public static void watch(Vertx vertx, DatabaseConfig database) {
    Outage.of(vertx, DEPENDENCY, () -> PgConnection.connect(vertx, database.connectOptions())
            .compose(connection -> connection.query("SELECT 1").execute().eventually(connection::close)))
        // watched once its schemas migrated: it has served, so its next absence is an outage
        .succeeded();
  }

  /**
   * True when {@code failure} says the database is unreachable; the outage then begins (logged
   * once) or goes on.
   */
  public static boolean report(Vertx vertx, Throwable failure) {
    if (!PgErrors.isUnavailable(failure)) {
      return false;
    }
    Outage.of(vertx, DEPENDENCY, () -> Future.failedFuture("no database is watched in this instance"))
        .failed(rootMessage(failure));
    return true;
  }

  private static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
  }
}
