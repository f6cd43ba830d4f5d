package io.devsanctum.common.db;

import io.vertx.pgclient.PgException;

/** Recognises the PostgreSQL errors that are a caller's fault rather than a server fault. */
public final class PgErrors {

  private static final String UNIQUE_VIOLATION = "23505";

  private PgErrors() {
  }

  public static boolean isUniqueViolation(Throwable failure) {
    return failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState());
  }
}
