package io.devsanctum.auth.service;

import io.devsanctum.auth.repository.AuditOutbox;
import io.devsanctum.common.contract.audit.AuditRecord;
import io.vertx.core.Future;
import java.util.List;
import java.util.function.Function;

/**
 * Hands the outbox's records to the audit log, batch after batch until it is empty. A pass that
 * fails (the log's service away, the database out) leaves the records in the outbox for the next.
 * Passes of one instance do not overlap; instances share the work through the outbox's row locks.
 */
public class AuditDelivery {

  static final int BATCH = 200;

  private final AuditOutbox outbox;
  private final Function<List<AuditRecord>, Future<Void>> log;
  private boolean running;

  /** {@code log}: stores records in the audit log (idempotent by record id). */
  public AuditDelivery(AuditOutbox outbox, Function<List<AuditRecord>, Future<Void>> log) {
    this.outbox = outbox;
    this.log = log;
  }

  /** Delivers what waits; how many records. Called on one event loop (the verticle's timer). */
  public Future<Integer> deliverWaiting() {
    if (running) {
      return Future.succeededFuture(0);
    }
    running = true;
    return drain(0).onComplete(done -> running = false);
  }

  private Future<Integer> drain(int deliveredSoFar) {
    return outbox.deliver(BATCH, log).compose(delivered -> delivered < BATCH
        ? Future.succeededFuture(deliveredSoFar + delivered)
        : drain(deliveredSoFar + delivered));
  }
}
