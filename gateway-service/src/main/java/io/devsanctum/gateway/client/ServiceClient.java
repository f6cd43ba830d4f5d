package io.devsanctum.gateway.client;

import io.devsanctum.common.bus.BusHeaders;
import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.logging.RequestContext;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * Sends the gateway's requests to services over the event bus, carrying the request id (so
 * services log under the same id) and the authenticated caller. Failures arrive as
 * {@code ReplyException}s that the problem handler maps to HTTP.
 */
public class ServiceClient {

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

  private <T> Future<T> send(String address, JsonObject body, Caller caller, Duration requestTimeout) {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(requestTimeout.toMillis());
    String requestId = RequestContext.requestId();
    if (requestId != null) {
      options.addHeader(BusHeaders.REQUEST_ID, requestId);
    }
    if (caller != null) {
      caller.applyTo(options);
    }
    return vertx.eventBus().<T>request(address, body, options).map(Message::body);
  }
}
