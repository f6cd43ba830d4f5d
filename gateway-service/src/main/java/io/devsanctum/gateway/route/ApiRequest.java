package io.devsanctum.gateway.route;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.ValidatedRequest;

/** Reads the parts of a request that the contract has already validated. */
final class ApiRequest {

  private ApiRequest() {
  }

  static ValidatedRequest validated(RoutingContext ctx) {
    return ctx.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
  }

  static JsonObject body(RoutingContext ctx) {
    return validated(ctx).getBody().getJsonObject();
  }
}
