package io.devsanctum.standalone.api;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.bus.TypedBus;
import io.devsanctum.common.contract.SharingLevel;
import io.devsanctum.common.contract.routing.AppRoute;
import io.devsanctum.common.contract.routing.RouteRegistration;
import io.devsanctum.common.contract.routing.RoutingContract;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;

/** Routes registered through routing-service's contract as the orchestrator does, to upstreams a test runs itself. */
final class TestRoutes {

  private TestRoutes() {
  }

  /** A workspace's default app at {@code 127.0.0.1:port}, owned by {@code owner} (a session reply); its host. */
  static String register(Vertx vertx, UUID workspace, JsonObject owner, String name, String sharing, int port) {
    JsonObject user = owner.getJsonObject("user");
    return TypedBus.client(vertx, RoutingContract.class).register(Caller.service("workspace"),
            new RouteRegistration(workspace, UUID.fromString(user.getString("id")), user.getString("username"), name,
                "local", SharingLevel.fromWire(sharing),
                List.of(new AppRoute("main", 8080, "http://127.0.0.1:" + port, true, null))))
        .await().host();
  }
}
