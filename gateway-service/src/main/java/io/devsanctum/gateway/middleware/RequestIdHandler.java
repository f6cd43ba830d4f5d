package io.devsanctum.gateway.middleware;

import io.devsanctum.common.bus.RequestOrigin;
import io.devsanctum.gateway.security.TrustedProxies;
import io.devsanctum.common.logging.RequestContext;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is a sane token (so a
 * proxy in front can correlate), otherwise a new UUID. It is echoed in the response and set on
 * the request's Vert.x context, where the log pattern and the event-bus client pick it up, with
 * where the request came from ({@link RequestOrigin}: the client's address by the trusted-proxy
 * rule, and its user agent), which every service's audit records name.
 */
public class RequestIdHandler implements Handler<RoutingContext> {

  private final TrustedProxies trustedProxies;

  public RequestIdHandler(TrustedProxies trustedProxies) {
    this.trustedProxies = trustedProxies;
  }

  public static final String HEADER = "X-Request-Id";
  private static final Pattern ACCEPTED = Pattern.compile("^[A-Za-z0-9._-]{8,128}$");
  private static final String KEY = "requestId";

  @Override
  public void handle(RoutingContext ctx) {
    String id = idFor(ctx.request());
    RequestContext.setOrigin(Vertx.currentContext(), new RequestOrigin(trustedProxies.clientAddress(ctx.request()),
        ctx.request().getHeader("User-Agent"), id));
    ctx.put(KEY, id);
    ctx.response().putHeader(HEADER, id);
    ctx.next();
  }

  /** The caller's id when it is sane, else a new one; also set on the current Vert.x context for the logs. */
  public static String idFor(HttpServerRequest request) {
    String incoming = request.getHeader(HEADER);
    String id = incoming != null && ACCEPTED.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
    RequestContext.setRequestId(Vertx.currentContext(), id);
    return id;
  }

  public static String requestId(RoutingContext ctx) {
    return ctx.get(KEY);
  }
}
