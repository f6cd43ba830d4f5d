package io.devsanctum.workspace.infrastructure.bus;

import io.devsanctum.common.bus.BusRequests;
import io.devsanctum.common.bus.RouteMapping;
import io.devsanctum.common.bus.RoutingContract;
import io.devsanctum.workspace.model.AppPort;
import io.devsanctum.workspace.model.RunningApp;
import io.devsanctum.workspace.model.TemplateSpec;
import io.devsanctum.workspace.model.Workspace;
import io.devsanctum.workspace.service.RouteRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** {@link RouteRegistry} over the event bus, served by routing-service. */
public class BusRouteRegistry implements RouteRegistry {

  private final Vertx vertx;

  public BusRouteRegistry(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public Future<String> register(Workspace w, TemplateSpec spec, List<RunningApp> apps) {
    String defaultApp = spec.defaultApp().map(AppPort::name).orElse(null);
    JsonArray appsJson = new JsonArray();
    for (RunningApp app : apps) {
      AppPort declared = spec.apps().stream().filter(a -> a.name().equals(app.name())).findFirst().orElse(null);
      appsJson.add(new JsonObject()
          .put("name", app.name())
          .put("port", app.port())
          .put("upstreamUrl", app.upstreamUrl())
          .put("default", app.name().equals(defaultApp))
          .put("healthPath", declared == null ? "/" : declared.healthPath()));
    }
    return request(RoutingContract.REGISTER, new JsonObject()
        .put("workspaceId", w.id().toString())
        .put("ownerId", w.ownerId().toString())
        .put("ownerName", w.ownerName())
        .put("workspaceName", w.name())
        .put("dockerHostId", w.dockerHostId())
        .put("sharing", w.sharing())
        .put("apps", appsJson))
        .map(reply -> reply.getString("host"));
  }

  @Override
  public Future<Void> deregister(UUID workspaceId, boolean purge) {
    return request(RoutingContract.DEREGISTER, new JsonObject().put("workspaceId", workspaceId.toString())
        .put("purge", purge)).mapEmpty();
  }

  @Override
  public Future<Void> setSharing(UUID workspaceId, String sharing) {
    return request(RoutingContract.SET_SHARING, new JsonObject().put("workspaceId", workspaceId.toString())
        .put("sharing", sharing)).mapEmpty();
  }

  @Override
  public Future<Set<UUID>> routedWorkspaces() {
    return request(RoutingContract.LIST, new JsonObject()).map(reply -> {
      Set<UUID> ids = new HashSet<>();
      // a stopped workspace's routes are kept inactive: they do not route it
      reply.getJsonArray("routes", new JsonArray()).stream()
          .map(route -> RouteMapping.MAPPER.fromJson((JsonObject) route))
          .filter(RouteMapping::active)
          .forEach(route -> ids.add(route.workspaceId()));
      return ids;
    });
  }

  private Future<JsonObject> request(String address, JsonObject body) {
    return BusRequests.<JsonObject>request(vertx, address, body, new DeliveryOptions()).map(Message::body);
  }
}
