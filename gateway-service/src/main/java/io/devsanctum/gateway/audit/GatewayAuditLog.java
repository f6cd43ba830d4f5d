package io.devsanctum.gateway.audit;

import io.devsanctum.common.bus.BusFailure;
import io.devsanctum.common.bus.ErrorCode;
import io.devsanctum.common.contract.audit.AuditContract;
import io.devsanctum.common.contract.audit.AuditRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The records made at the gateway (refusals, workspace-access handoffs, SSH sessions) on their way
 * to the audit log. They change nothing here, so there is no transaction to write them in: each is
 * sent at once, and what the log's service did not take (away, restarting, slow) waits here and is
 * sent again, oldest first, every {@link #RETRY_MS} ms. The log stores a record once by its id, so
 * sending one again after a lost answer is harmless. At most {@link #CAPACITY} wait: past that the
 * oldest is dropped, and every drop is counted ({@code devsanctum.audit.gateway.dropped}) and
 * logged, never silent. What waits is in memory: a gateway that ends loses it (its count is the
 * gauge {@code devsanctum.audit.gateway.waiting} as last scraped).
 *
 * <p>Only an outage ({@code UNAVAILABLE}: no handler, no answer, the database away) is waited out.
 * A batch the log refused otherwise is sent again one record at a time, so that a record it can
 * never store does not hold back everything behind it: that record alone is dropped, counted and
 * logged.
 */
public class GatewayAuditLog {

  private static final Logger LOG = LoggerFactory.getLogger(GatewayAuditLog.class);
  static final int CAPACITY = 10_000;
  static final int BATCH = 200;
  static final long RETRY_MS = 1_000;

  private final Vertx vertx;
  /** Sends and retries run here (the gateway verticle's context), whoever made the record. */
  private final Context context;
  private final AuditContract log;
  /** Oldest first; the batch in flight is out of it, so a drop never takes a record that may yet be stored. */
  private final Deque<AuditRecord> waiting = new ArrayDeque<>();
  private List<AuditRecord> inFlight = List.of();
  private final Counter dropped;
  private final Counter delivered;
  private boolean sending;
  /** After a batch was refused for what it holds: how many records to send one by one. */
  private int singly;
  private boolean failing;
  private long retry = -1;

  /** Made on the context its sends and retries are to run on. */
  public GatewayAuditLog(Vertx vertx, AuditContract log, MeterRegistry metrics) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.log = log;
    this.dropped = Counter.builder("devsanctum.audit.gateway.dropped")
        .description("Audit records made at the gateway and dropped because too many waited for the audit log")
        .register(metrics);
    this.delivered = Counter.builder("devsanctum.audit.gateway.delivered")
        .description("Audit records made at the gateway and stored in the audit log")
        .register(metrics);
    Gauge.builder("devsanctum.audit.gateway.waiting", this, GatewayAuditLog::waiting)
        .description("Audit records made at the gateway that wait for the audit log to take them")
        .register(metrics);
  }

  /** Sends {@code record} to the audit log, now or, if it does not take it, later. Any thread. */
  public void record(AuditRecord record) {
    synchronized (this) {
      if (waiting.size() + inFlight.size() >= CAPACITY && !waiting.isEmpty()) {
        dropOldest();
      }
      waiting.addLast(record);
    }
    context.runOnContext(go -> send());
  }

  /** How many records wait for the audit log. */
  public synchronized int waiting() {
    return waiting.size() + inFlight.size();
  }

  /** Stops retrying (the gateway stops); what waits is sent no more. */
  public void stop() {
    vertx.cancelTimer(retry);
  }

  /** One batch in flight at a time, oldest first; on the event loop. */
  private void send() {
    List<AuditRecord> batch;
    synchronized (this) {
      if (sending || waiting.isEmpty()) {
        return;
      }
      sending = true;
      int size = singly > 0 ? 1 : Math.min(BATCH, waiting.size());
      batch = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        batch.add(waiting.removeFirst());
      }
      inFlight = batch;
    }
    log.append(batch).onComplete(sent -> {
      synchronized (this) {
        sending = false;
        inFlight = List.of();
        if (singly > 0) {
          singly--;
        }
      }
      if (sent.succeeded()) {
        delivered.increment(batch.size());
        if (failing) {
          failing = false;
          LOG.info("audit records made at the gateway reach the audit log again");
        }
        send();
      } else if (!outage(sent.cause())) {
        if (batch.size() > 1) {
          synchronized (this) {
            putBack(batch);
            singly = batch.size(); // which of them?
          }
        } else {
          dropped.increment();
          LOG.error("audit record dropped: the audit log refused {} of {} at {}: {}", batch.get(0).action().wireName(),
              batch.get(0).target().id(), batch.get(0).occurredAt(), sent.cause().getMessage());
        }
        send();
      } else {
        synchronized (this) {
          putBack(batch);
        }
        if (!failing) {
          failing = true;
          LOG.warn("the audit log does not take the gateway's records ({}); {} wait and are sent again every {} ms",
              sent.cause().getMessage(), waiting(), RETRY_MS);
        }
        vertx.cancelTimer(retry);
        retry = vertx.setTimer(RETRY_MS, timer -> send());
      }
    });
  }

  /** Whether the log was away (to be waited out), not refusing what it was sent. */
  private static boolean outage(Throwable failure) {
    if (failure instanceof BusFailure refused) {
      return refused.errorCode() == ErrorCode.UNAVAILABLE;
    }
    // no handler, no answer in time; or the handler failed with a code, which says which
    return !(failure instanceof ReplyException reply) || reply.failureType() != ReplyFailure.RECIPIENT_FAILURE
        || reply.failureCode() == ErrorCode.UNAVAILABLE.code();
  }

  /** A batch not stored goes back in front, as the oldest; past the bound, the oldest of all are dropped. */
  private void putBack(List<AuditRecord> batch) {
    for (int i = batch.size() - 1; i >= 0; i--) {
      waiting.addFirst(batch.get(i));
    }
    while (waiting.size() > CAPACITY) {
      dropOldest();
    }
  }

  private void dropOldest() {
    AuditRecord oldest = waiting.removeFirst();
    dropped.increment();
    LOG.error("audit record dropped: {} waited for the audit log already; the oldest, {} of {} at {}, is lost",
        CAPACITY, oldest.action().wireName(), oldest.target().id(), oldest.occurredAt());
  }
}
