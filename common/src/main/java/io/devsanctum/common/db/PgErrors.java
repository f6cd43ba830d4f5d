package io.devsanctum.common.db;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;
import java.io.IOException;
import java.util.Set;

/** Recognises the PostgreSQL errors that are a caller's fault, and those that mean the server is out of reach. */
public final class PgErrors {

  private static final String UNIQUE_VIOLATION = "23505";
  /**
   * SQLSTATEs of a server that is going away or not there yet: class 08 (connection exceptions),
   * shutting down for an administrator or after a crash, not accepting connections yet (starting,
   * recovering), and too many connections.
   */
  private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

  private PgErrors() {
  }

  public static boolean isUniqueViolation(Throwable failure) {
    return failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState());
  }

  /**
   * The database could not be reached (refused), or dropped the connection (closed, reset), or is
   * shutting down or starting up: an outage that passes, never the request's fault.
   */
  public static boolean isUnavailable(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      // any I/O failure of the connection: a JDK socket's SocketException, or the native transport's
      // own IOException (epoll's "Connection reset by peer" is no SocketException)
      if (cause instanceof ClosedConnectionException || cause instanceof IOException) {
        return true;
      }
      if (cause instanceof DatabaseException database && database.getSqlState() != null
          && (database.getSqlState().startsWith("08") || UNAVAILABLE_STATES.contains(database.getSqlState()))) {
        return true;
      }
    }
    return false;
  }
}
