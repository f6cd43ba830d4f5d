package io.devsanctum.common.runtime;

import io.devsanctum.common.bus.BusRequests;
import io.devsanctum.common.db.DatabaseOutage;
import io.vertx.core.Vertx;
import org.slf4j.Logger;

/**
 * How periodic background work (a reconciler pass, a purge) reports a failed run: an outage of the
 * database or of a service is logged once by its {@link Outage} however many runs it fails, any
 * other failure as a WARN of its own.
 */
public final class BackgroundWork {

  private BackgroundWork() {
  }

  public static void failed(Vertx vertx, Logger log, String what, Throwable failure) {
    if (DatabaseOutage.report(vertx, failure) || BusRequests.didNotAnswer(failure)) {
      log.debug("{} failed during an outage: {}", what, failure.getMessage());
      return;
    }
    log.warn("{} failed: {}", what, failure.getMessage());
  }
}
