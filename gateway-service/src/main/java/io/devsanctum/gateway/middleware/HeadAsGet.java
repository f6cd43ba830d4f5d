package io.devsanctum.gateway.middleware;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * HEAD is answered wherever GET is (RFC 9110 §9.3.2): the request is routed as a GET, and the
 * server sends the GET's status and headers without its body. Streams end after their headers.
 */
public class HeadAsGet implements Handler<RoutingContext> {

  private static final String KEY = "headRequest";

  @Override
  public void handle(RoutingContext ctx) {
    ctx.put(KEY, true);
    String query = ctx.request().query();
    ctx.reroute(HttpMethod.GET, ctx.request().path() + (query == null ? "" : "?" + query));
  }

  /** Whether the request came in as a HEAD (its method now reads GET). */
  public static boolean isHead(RoutingContext ctx) {
    return Boolean.TRUE.equals(ctx.get(KEY));
  }
}
