package io.devsanctum.gateway.middleware;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** An RFC 7807 problem body, written as {@code application/problem+json}. */
public record Problem(int status, String slug, String title, String detail, JsonArray errors) {

  public static final String CONTENT_TYPE = "application/problem+json";
  private static final String TYPE_BASE = "https://devsanctum.dev/problems/";
  private static final String SLUG_KEY = "problem.slug";

  public static Problem of(int status, String slug, String title, String detail) {
    return new Problem(status, slug, title, detail, null);
  }

  public Problem withErrors(JsonArray fieldErrors) {
    return new Problem(status, slug, title, detail, fieldErrors);
  }

  public void send(RoutingContext ctx) {
    ctx.put(SLUG_KEY, slug);
    send(ctx.response(), ctx.request().path(), RequestIdHandler.requestId(ctx));
  }

  /** The code of the problem this request was answered with (null when it was not refused with one). */
  public static String sentSlug(RoutingContext ctx) {
    return ctx.get(SLUG_KEY);
  }

  /** For answers given before any route runs (the HTTP edge), where there is no routing context. */
  public void send(HttpServerResponse response, String instance, String requestId) {
    if (response.headWritten()) {
      response.reset();
      return;
    }
    response
        .setStatusCode(status)
        .putHeader("Content-Type", CONTENT_TYPE)
        .end(body(instance, requestId).encode());
  }

  /** The problem document; {@code instance} (the request path) may be null when there is no request. */
  public JsonObject body(String instance, String requestId) {
    JsonObject body = new JsonObject()
        .put("type", TYPE_BASE + slug)
        .put("title", title)
        .put("status", status);
    if (instance != null) {
      body.put("instance", instance);
    }
    body.put("requestId", requestId);
    if (detail != null) {
      body.put("detail", detail);
    }
    if (errors != null && !errors.isEmpty()) {
      body.put("errors", errors);
    }
    return body;
  }
}
