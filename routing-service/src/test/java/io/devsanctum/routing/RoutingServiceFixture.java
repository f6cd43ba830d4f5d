package io.devsanctum.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.devsanctum.common.bus.ErrorCode;
import io.devsanctum.common.bus.RouteChangedEvent;
import io.devsanctum.common.bus.RoutingContract;
import io.devsanctum.common.config.DevSanctumConfig;
import io.devsanctum.common.config.Env;
import io.devsanctum.common.runtime.VertxFactory;
import io.devsanctum.common.runtime.VertxRuntime;
import io.devsanctum.common.testkit.TestDatabase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** routing-service deployed on a local Vert.x with a fresh database, driven over the event bus. */
final class RoutingServiceFixture implements AutoCloseable {

  final VertxRuntime runtime = VertxFactory.local();
  private final BlockingQueue<RouteChangedEvent> events = new LinkedBlockingQueue<>();

  RoutingServiceFixture(Map<String, String> env) {
    DevSanctumConfig config = DevSanctumConfig.from(new Env(env)).withDatabase(TestDatabase.freshDatabase());
    runtime.vertx().eventBus().<JsonObject>consumer(RoutingContract.EVENTS_ROUTE_CHANGED,
        message -> events.add(RouteChangedEvent.MAPPER.fromJson(message.body()))).completion().await();
    runtime.vertx().deployVerticle(new RoutingVerticle(config, runtime.meterRegistry())).await();
  }

  JsonObject request(String address, JsonObject body) {
    return runtime.vertx().eventBus().<JsonObject>request(address, body).map(Message::body).await();
  }

  ErrorCode failureOf(String address, JsonObject body) {
    Throwable failure = runtime.vertx().eventBus().request(address, body)
        .map(reply -> (Throwable) null)
        .otherwise(cause -> cause)
        .await();
    assertThat(failure).as("%s should have failed", address).isNotNull();
    return ErrorCode.of(failure);
  }

  RouteChangedEvent nextEvent() throws InterruptedException {
    RouteChangedEvent event = events.poll(5, TimeUnit.SECONDS);
    assertThat(event).as("a route-changed event").isNotNull();
    return event;
  }

  static JsonObject registration(UUID workspaceId, String workspaceName, String ownerName, JsonObject... apps) {
    return new JsonObject()
        .put("workspaceId", workspaceId.toString())
        .put("ownerId", UUID.randomUUID().toString())
        .put("ownerName", ownerName)
        .put("workspaceName", workspaceName)
        .put("dockerHostId", "local")
        .put("sharing", "owner")
        .put("apps", new JsonArray(java.util.List.of((Object[]) apps)));
  }

  static JsonObject app(String name, int hostPort, boolean isDefault) {
    return new JsonObject().put("name", name).put("port", 8080).put("default", isDefault)
        .put("upstreamUrl", "http://127.0.0.1:" + hostPort);
  }

  @Override
  public void close() {
    runtime.vertx().close().await();
  }
}
