package io.devsanctum.gateway.route;

import io.devsanctum.common.bus.RoutingContract;
import io.devsanctum.gateway.client.ServiceClient;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/** Serves routing-service's Traefik document to Traefik's HTTP provider, behind the shared secret. */
public class TraefikRoutes {

  private final ServiceClient services;

  public TraefikRoutes(ServiceClient services) {
    this.services = services;
  }

  public void mount(RouterBuilder api) {
    api.getRoute("getTraefikConfiguration").addHandler(this::document);
  }

  private void document(RoutingContext ctx) {
    String secret = ctx.request().getHeader(RoutingContract.PROVIDER_SECRET_HEADER);
    services.<JsonObject>request(RoutingContract.TRAEFIK_DOCUMENT,
            new JsonObject().put("providerSecret", secret == null ? "" : secret))
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }
}
