package io.devsanctum.auth.repository.pg;

import io.devsanctum.auth.repository.DuplicateKeyException;
import io.devsanctum.common.db.PgErrors;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import java.util.Map;

/** Turns PostgreSQL unique violations into {@link DuplicateKeyException}s naming the field. */
final class UniqueViolations {

  private UniqueViolations() {
  }

  /** For {@code recover}: {@code constraintFields} maps a unique index name to the field it guards. */
  static <T> Future<T> asDuplicateKey(Throwable failure, Map<String, String> constraintFields) {
    if (PgErrors.isUniqueViolation(failure)
        && failure instanceof PgException pg && constraintFields.containsKey(pg.getConstraint())) {
      return Future.failedFuture(new DuplicateKeyException(constraintFields.get(pg.getConstraint())));
    }
    return Future.failedFuture(failure);
  }
}
