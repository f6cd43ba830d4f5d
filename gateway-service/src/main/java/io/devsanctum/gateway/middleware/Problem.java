package io.devsanctum.gateway.middleware;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** An RFC 7807 problem body, written as {@code application/problem+json}. */
public record Problem(int status, String slug, String title, String detail, JsonArray errors) {

  public static final String CONTENT_TYPE = "application/problem+json";
  private static final String TYPE_BASE = "https://devsanctum.dev/problems/";

  public static Problem of(int status, String slug, String title, String detail) {
    return new Problem(status, slug, title, detail, null);
  }

  public Problem withErrors(JsonArray fieldErrors) {
    return new Problem(status, slug, title, detail, fieldErrors);
  }

  public void send(RoutingContext ctx) {
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    JsonObject body = new JsonObject()
        .put("type", TYPE_BASE + slug)
        .put("title", title)
        .put("status", status)
        .put("instance", ctx.request().path())
        .put("requestId", RequestIdHandler.requestId(ctx));
    if (detail != null) {
      body.put("detail", detail);
    }
    if (errors != null && !errors.isEmpty()) {
      body.put("errors", errors);
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", CONTENT_TYPE)
        .end(body.encode());
  }
}
