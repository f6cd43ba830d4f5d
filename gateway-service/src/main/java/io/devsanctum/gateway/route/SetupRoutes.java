package io.devsanctum.gateway.route;

import io.devsanctum.common.bus.AuthContract;
import io.devsanctum.gateway.client.ServiceClient;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/** First-run setup: is a first admin still needed, and creating it. */
public class SetupRoutes {

  private final ServiceClient services;

  public SetupRoutes(ServiceClient services) {
    this.services = services;
  }

  public void mount(RouterBuilder api) {
    api.getRoute("getSetupStatus").addHandler(this::status);
    api.getRoute("createFirstAdmin").addHandler(this::createFirstAdmin);
  }

  private void status(RoutingContext ctx) {
    services.<JsonObject>request(AuthContract.SETUP_STATUS, new JsonObject())
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }

  private void createFirstAdmin(RoutingContext ctx) {
    services.<JsonObject>request(AuthContract.SETUP_FIRST_ADMIN, ApiRequest.body(ctx))
        .onSuccess(user -> {
          ctx.response().setStatusCode(201);
          ctx.json(user);
        })
        .onFailure(ctx::fail);
  }
}
