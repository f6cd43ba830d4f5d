package io.devsanctum.gateway.route;

import io.devsanctum.common.contract.routing.RoutingContract;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/** Serves routing-service's Traefik document to Traefik's HTTP provider, behind the shared secret. */
public class TraefikRoutes {

  private final RoutingContract routing;

  public TraefikRoutes(RoutingContract routing) {
    this.routing = routing;
  }

  public void mount(RouterBuilder api) {
    api.getRoute("getTraefikConfiguration").addHandler(this::document);
  }

  private void document(RoutingContext ctx) {
    String secret = ctx.request().getHeader(RoutingContract.PROVIDER_SECRET_HEADER);
    routing.traefikDocument(secret == null ? "" : secret)
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }
}
