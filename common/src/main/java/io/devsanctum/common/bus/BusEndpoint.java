package io.devsanctum.common.bus;

import io.devsanctum.common.db.DatabaseOutage;
import io.devsanctum.common.logging.RequestContext;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a request/reply address: adopts the caller's request id for logging, replies with the
 * handler's result, and turns failures into {@link ErrorCode} codes. An unreachable database or
 * a dependency that does not answer is an outage (UNAVAILABLE, with a retry time), logged once per
 * outage by {@link io.devsanctum.common.runtime.Outage}, never per request. Unexpected failures
 * are logged here once and reported as INTERNAL without leaking their details.
 */
public final class BusEndpoint {

  private static final Logger LOG = LoggerFactory.getLogger(BusEndpoint.class);

  private BusEndpoint() {
  }

  public static MessageConsumer<JsonObject> serve(
      Vertx vertx, String address, Function<Message<JsonObject>, Future<?>> handler) {
    return vertx.eventBus().consumer(address, message -> {
      RequestContext.setRequestId(Vertx.currentContext(), message.headers().get(BusHeaders.REQUEST_ID));
      Future<?> result;
      try {
        result = handler.apply(message);
      } catch (RuntimeException e) {
        result = Future.failedFuture(e);
      }
      result.onComplete(
          message::reply,
          failure -> fail(vertx, address, message, failure));
    });
  }

  private static void fail(Vertx vertx, String address, Message<JsonObject> message, Throwable failure) {
    BusFailure refused = failure instanceof BusFailure known ? known : DomainFailures.translate(failure);
    if (refused != null) {
      message.reply(refused); // whole, with its structured data
      return;
    }
    if (failure instanceof ReplyException reply) {
      if (reply.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
        message.fail(reply.failureCode(), reply.getMessage());
      } else {
        // a service this one depends on did not answer: pass that on as such, not as a bug here;
        // the side that sent the request logs that service's outage (BusRequests)
        LOG.debug("{} failed: a dependency did not answer ({})", address, reply.getMessage());
        reply(message, RetryAfter.unavailable("a backing service did not answer"));
      }
      return;
    }
    if (DatabaseOutage.report(vertx, failure)) {
      reply(message, RetryAfter.unavailable("the database is unavailable"));
      return;
    }
    LOG.error("{} failed", address, failure);
    message.fail(ErrorCode.INTERNAL.code(), "internal error while handling " + address);
  }

  private static void reply(Message<JsonObject> message, BusFailure failure) {
    message.reply(failure);
  }
}
