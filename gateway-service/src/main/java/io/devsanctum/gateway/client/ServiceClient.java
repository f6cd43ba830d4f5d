package io.devsanctum.gateway.client;

import io.devsanctum.common.bus.BusHeaders;
import io.devsanctum.common.bus.BusRequests;
import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.logging.RequestContext;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Set;

/**
 * Sends the gateway's requests to services over the event bus, carrying the request id (so
 * services log under the same id) and the authenticated caller. Failures arrive as
 * {@code ReplyException}s that the problem handler maps to HTTP; a service that stops answering is
 * logged once per outage (see {@link BusRequests}).
 */
public class ServiceClient {

  /** The HTTP methods whose requests may be repeated without changing the outcome (RFC 9110 §9.2.2). */
  private static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.PUT,
      HttpMethod.DELETE, HttpMethod.OPTIONS);

  private final Vertx vertx;
  private final Duration timeout;

  public ServiceClient(Vertx vertx, Duration timeout) {
    this.vertx = vertx;
    this.timeout = timeout;
  }

  public <T> Future<T> request(String address, JsonObject body) {
    return send(address, body, null, timeout);
  }

  public <T> Future<T> request(String address, JsonObject body, Duration requestTimeout) {
    return send(address, body, null, requestTimeout);
  }

  /** On behalf of {@code caller} (null for anonymous requests). */
  public <T> Future<T> request(String address, JsonObject body, Caller caller) {
    return send(address, body, caller, timeout);
  }

  /**
   * On behalf of {@code caller}, for an HTTP request made with {@code method}. When that method is
   * idempotent the request is sent in attempts of a quarter of the timeout each: an instance that
   * died mid-call (its reply never comes, and the bus keeps routing to it until the cluster notices)
   * costs one short attempt, and the next goes to another instance.
   */
  public <T> Future<T> request(String address, JsonObject body, Caller caller, HttpMethod method) {
    if (!IDEMPOTENT.contains(method)) {
      return send(address, body, caller, timeout);
    }
    Duration attempt = Duration.ofMillis(Math.max(1000, timeout.toMillis() / 4));
    return attempt(address, body, caller, attempt, System.nanoTime() + timeout.toNanos());
  }

  private <T> Future<T> attempt(String address, JsonObject body, Caller caller, Duration attempt, long deadline) {
    long left = (deadline - System.nanoTime()) / 1_000_000;
    Duration bounded = Duration.ofMillis(Math.max(1, Math.min(attempt.toMillis(), left)));
    return this.<T>send(address, body, caller, bounded).recover(failure ->
        failure instanceof ReplyException reply && reply.failureType() == ReplyFailure.TIMEOUT
            && deadline - System.nanoTime() > 0
            ? attempt(address, body, caller, attempt, deadline)
            : Future.failedFuture(failure));
  }

  private <T> Future<T> send(String address, JsonObject body, Caller caller, Duration requestTimeout) {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(requestTimeout.toMillis());
    String requestId = RequestContext.requestId();
    if (requestId != null) {
      options.addHeader(BusHeaders.REQUEST_ID, requestId);
    }
    if (caller != null) {
      caller.applyTo(options);
    }
    return BusRequests.<T>request(vertx, address, body, options).map(Message::body);
  }
}
