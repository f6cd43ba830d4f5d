package io.devsanctum.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.bus.ErrorCode;
import io.devsanctum.common.bus.TypedBus;
import io.devsanctum.common.config.DevSanctumConfig;
import io.devsanctum.common.config.Env;
import io.devsanctum.common.contract.SharingLevel;
import io.devsanctum.common.contract.routing.AppRoute;
import io.devsanctum.common.contract.routing.RouteChangedEvent;
import io.devsanctum.common.contract.routing.RouteRegistration;
import io.devsanctum.common.contract.routing.RoutingContract;
import io.devsanctum.common.runtime.VertxFactory;
import io.devsanctum.common.runtime.VertxRuntime;
import io.devsanctum.common.testkit.TestDatabase;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** routing-service deployed on a local Vert.x with a fresh database, driven through its typed contract. */
final class RoutingServiceFixture implements AutoCloseable {

  /** workspace-service, as routing-service's usual caller. */
  static final Caller SERVICE = Caller.service("workspace");

  final VertxRuntime runtime = VertxFactory.local();
  final RoutingContract routing = TypedBus.client(runtime.vertx(), RoutingContract.class);
  private final BlockingQueue<RouteChangedEvent> events = new LinkedBlockingQueue<>();

  RoutingServiceFixture(Map<String, String> env) {
    DevSanctumConfig config = DevSanctumConfig.from(new Env(env)).withDatabase(TestDatabase.freshDatabase());
    TypedBus.subscribe(runtime.vertx(), RoutingContract.EVENTS_ROUTE_CHANGED, RouteChangedEvent.class, events::add)
        .completion().await();
    runtime.vertx().deployVerticle(new RoutingVerticle(config, runtime.meterRegistry())).await();
  }

  static ErrorCode failureOf(Future<?> call) {
    Throwable failure = call.map(reply -> (Throwable) null).otherwise(cause -> cause).await();
    assertThat(failure).as("the call should have been refused").isNotNull();
    return ErrorCode.of(failure);
  }

  RouteChangedEvent nextEvent() throws InterruptedException {
    RouteChangedEvent event = events.poll(5, TimeUnit.SECONDS);
    assertThat(event).as("a route-changed event").isNotNull();
    return event;
  }

  static RouteRegistration registration(UUID workspaceId, String workspaceName, String ownerName, AppRoute... apps) {
    return new RouteRegistration(workspaceId, UUID.randomUUID(), ownerName, workspaceName, "local", SharingLevel.OWNER,
        List.of(apps));
  }

  static RouteRegistration sharedWith(RouteRegistration registration, SharingLevel sharing) {
    return new RouteRegistration(registration.workspaceId(), registration.ownerId(), registration.ownerName(),
        registration.workspaceName(), registration.dockerHostId(), sharing, registration.apps());
  }

  static AppRoute app(String name, int hostPort, boolean isDefault) {
    return new AppRoute(name, 8080, "http://127.0.0.1:" + hostPort, isDefault, "/");
  }

  @Override
  public void close() {
    runtime.vertx().close().await();
  }
}
