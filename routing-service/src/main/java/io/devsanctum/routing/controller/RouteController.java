package io.devsanctum.routing.controller;

import io.devsanctum.common.bus.BusEndpoint;
import io.devsanctum.common.bus.RouteMapping;
import io.devsanctum.common.bus.RoutingContract;
import io.devsanctum.routing.service.RouteRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The route table over the event bus. */
public class RouteController {

  private final RouteRegistry registry;

  public RouteController(RouteRegistry registry) {
    this.registry = registry;
  }

  public void register(Vertx vertx) {
    BusEndpoint.serve(vertx, RoutingContract.REGISTER, this::registerRoutes);
    BusEndpoint.serve(vertx, RoutingContract.DEREGISTER, this::deregister);
    BusEndpoint.serve(vertx, RoutingContract.LIST, this::list);
    BusEndpoint.serve(vertx, RoutingContract.RESOLVE, this::resolve);
    BusEndpoint.serve(vertx, RoutingContract.SET_HEALTH, this::setHealth);
    BusEndpoint.serve(vertx, RoutingContract.SET_SHARING, this::setSharing);
  }

  private Future<JsonObject> registerRoutes(Message<JsonObject> message) {
    return registry.register(RouteRequests.registration(message.body()))
        .map(registered -> routes(registered.routes()).put("host", registered.defaultHost()));
  }

  private Future<JsonObject> deregister(Message<JsonObject> message) {
    return registry.deregister(RouteRequests.uuid(message.body(), "workspaceId"),
            RouteRequests.optionalBool(message.body(), "purge"))
        .map(done -> new JsonObject().put("deactivated", done.deactivated()).put("removed", done.removed()));
  }

  private Future<JsonObject> list(Message<JsonObject> message) {
    JsonObject body = message.body();
    Optional<UUID> workspaceId = body.getValue("workspaceId") == null
        ? Optional.empty() : Optional.of(RouteRequests.uuid(body, "workspaceId"));
    return registry.list(workspaceId).map(RouteController::routes);
  }

  private Future<JsonObject> resolve(Message<JsonObject> message) {
    return registry.resolve(RouteRequests.host(message.body())).map(RouteMapping.MAPPER::toJson);
  }

  private Future<JsonObject> setHealth(Message<JsonObject> message) {
    return registry.setHealth(RouteRequests.host(message.body()), RouteRequests.bool(message.body(), "healthy"))
        .map(done -> new JsonObject());
  }

  private Future<JsonObject> setSharing(Message<JsonObject> message) {
    return registry.setSharing(RouteRequests.uuid(message.body(), "workspaceId"), RouteRequests.sharing(message.body()))
        .map(RouteController::routes);
  }

  private static JsonObject routes(List<RouteMapping> routes) {
    return new JsonObject().put("routes", new JsonArray(routes.stream().map(RouteMapping.MAPPER::toJson).toList()));
  }
}
