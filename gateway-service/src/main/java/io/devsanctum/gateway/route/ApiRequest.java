package io.devsanctum.gateway.route;

import io.devsanctum.common.config.HttpConfig;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.ValidatedRequest;
import io.vertx.openapi.validation.RequestParameter;

/** Reads the parts of a request that the contract has already validated. */
final class ApiRequest {

  private ApiRequest() {
  }

  static ValidatedRequest validated(RoutingContext ctx) {
    return ctx.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
  }

  /** The JSON body, or an empty object when the operation's body is optional and absent. */
  static JsonObject body(RoutingContext ctx) {
    RequestParameter body = validated(ctx).getBody();
    return body == null || body.isNull() ? new JsonObject() : body.getJsonObject();
  }

  /** A path parameter as the contract validated it (never re-parsed from the raw path). */
  static String path(RoutingContext ctx, String name) {
    return String.valueOf(validated(ctx).getPathParameters().get(name).get());
  }

  /** An integer path parameter; the contract bounds it to what an int holds. */
  static int pathInteger(RoutingContext ctx, String name) {
    return ((Number) validated(ctx).getPathParameters().get(name).get()).intValue();
  }

  /** A query parameter as the contract typed it (string, number or boolean), or null. */
  static Object query(RoutingContext ctx, String name) {
    RequestParameter value = validated(ctx).getQuery().get(name);
    return value == null || value.isNull() ? null : value.get();
  }

  /** The dashboard's URL as users reach it: the configured public URL, else this request's own origin. */
  static String dashboardUrl(RoutingContext ctx, HttpConfig http) {
    return http.publicUrl() != null ? http.publicUrl() : ctx.request().scheme() + "://" + ctx.request().authority();
  }
}
