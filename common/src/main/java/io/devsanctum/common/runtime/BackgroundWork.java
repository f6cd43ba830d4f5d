package io.devsanctum.common.runtime;

import io.devsanctum.common.bus.BusRequests;
import io.devsanctum.common.bus.ErrorCode;
import io.devsanctum.common.db.DatabaseOutage;
import io.vertx.core.Vertx;
import org.slf4j.Logger;

/**
 * How periodic background work (a reconciler pass, a purge, the audit outbox's delivery) reports a
 * failed run: an outage — of the database, of a service that does not answer, or of one that
 * answers it is unavailable (its own database is down: it logs that outage once itself) — is
 * logged once by its {@link Outage} however many runs it fails; any other failure as a WARN of
 * its own.
 */
public final class BackgroundWork {

  private BackgroundWork() {
  }

  public static void failed(Vertx vertx, Logger log, String what, Throwable failure) {
    if (DatabaseOutage.report(vertx, failure) || BusRequests.didNotAnswer(failure)
        || ErrorCode.of(failure) == ErrorCode.UNAVAILABLE) {
      log.debug("{} failed during an outage: {}", what, failure.getMessage());
      return;
    }
    log.warn("{} failed: {}", what, failure.getMessage());
  }
}
