package io.devsanctum.standalone.api;

import io.devsanctum.common.bus.RoutingContract;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** Routes registered over the event bus as the orchestrator does, to upstreams a test runs itself. */
final class TestRoutes {

  private TestRoutes() {
  }

  /** A workspace's default app at {@code 127.0.0.1:port}, owned by {@code owner} (a session reply); its host. */
  static String register(Vertx vertx, UUID workspace, JsonObject owner, String name, String sharing, int port) {
    JsonObject user = owner.getJsonObject("user");
    return vertx.eventBus().<JsonObject>request(RoutingContract.REGISTER, new JsonObject()
            .put("workspaceId", workspace.toString())
            .put("ownerId", user.getString("id"))
            .put("ownerName", user.getString("username"))
            .put("workspaceName", name)
            .put("dockerHostId", "local")
            .put("sharing", sharing)
            .put("apps", new JsonArray().add(new JsonObject().put("name", "main").put("port", 8080).put("default", true)
                .put("upstreamUrl", "http://127.0.0.1:" + port))))
        .map(Message::body).await().getString("host");
  }
}
