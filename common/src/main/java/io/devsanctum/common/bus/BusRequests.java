package io.devsanctum.common.bus;

import io.devsanctum.common.runtime.Outage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * Request/reply to another service, keeping the log of that service's outages: when it stops
 * answering (no handler, or no reply in time) the first failure logs one WARN, and the first
 * answer afterwards (a request's or the outage's own health probe) one INFO.
 */
public final class BusRequests {

  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

  private BusRequests() {
  }

  public static <T> Future<Message<T>> request(Vertx vertx, String address, Object body, DeliveryOptions options) {
    String service = Addresses.serviceOf(address);
    return vertx.eventBus().<T>request(address, body, options)
        .onComplete(
            answered -> outage(vertx, service).succeeded(),
            failure -> {
              if (didNotAnswer(failure)) {
                outage(vertx, service).failed(((ReplyException) failure).failureType().name().toLowerCase()
                    + " on " + address);
              } else if (failure instanceof ReplyException) {
                outage(vertx, service).succeeded(); // a coded refusal is an answer
              }
            });
  }

  /** The service has no handler for the address, or did not reply within the timeout. */
  public static boolean didNotAnswer(Throwable failure) {
    return failure instanceof ReplyException reply
        && (reply.failureType() == ReplyFailure.NO_HANDLERS || reply.failureType() == ReplyFailure.TIMEOUT);
  }

  private static Outage outage(Vertx vertx, String service) {
    return Outage.of(vertx, "the " + service + " service", () -> vertx.eventBus()
        .request(Addresses.health(service), new JsonObject(), new DeliveryOptions().setSendTimeout(PROBE_TIMEOUT.toMillis())));
  }
}
