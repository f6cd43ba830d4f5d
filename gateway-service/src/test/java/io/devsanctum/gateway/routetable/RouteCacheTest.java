package io.devsanctum.gateway.routetable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.devsanctum.common.bus.Addresses;
import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.bus.TypedBus;
import io.devsanctum.common.contract.SharingLevel;
import io.devsanctum.common.contract.routing.RouteChangedEvent;
import io.devsanctum.common.contract.routing.RouteMapping;
import io.devsanctum.common.contract.routing.RouteRegistration;
import io.devsanctum.common.contract.routing.RouteTable;
import io.devsanctum.common.contract.routing.RoutesDeregistered;
import io.devsanctum.common.contract.routing.RoutesRegistered;
import io.devsanctum.common.contract.routing.RoutingContract;
import io.devsanctum.common.runtime.HealthResponder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The gateway's route cache against a route table served on the bus by a test double of
 * routing-service, whose events the test publishes, or drops, itself.
 */
@ExtendWith(VertxExtension.class)
class RouteCacheTest {

  private static final Duration PATIENCE = Duration.ofSeconds(10);

  private final FakeRouteTable table = new FakeRouteTable();
  private RouteCache cache;

  @AfterEach
  void stop() {
    if (cache != null) {
      cache.stop();
    }
  }

  @Test
  void aDroppedRouteChangeIsRepairedByTheResyncTheNextEventTriggers(Vertx vertx) {
    start(vertx, Duration.ofHours(1));
    await().atMost(PATIENCE).until(cache::loaded); // subscribed: only the event dropped below is missed
    RouteMapping first = table.add("first.example.test");
    table.publish(vertx, first);
    await().atMost(PATIENCE).until(() -> cache.find("first.example.test").isPresent());

    table.add("dropped.example.test"); // its event never reaches this gateway
    table.publish(vertx, table.add("third.example.test"));

    await().atMost(PATIENCE).untilAsserted(() -> assertThat(cache.find("dropped.example.test")).isPresent());
    assertThat(cache.find("third.example.test")).isPresent();
  }

  @Test
  void aDroppedLastRouteChangeIsRepairedByThePeriodicResync(Vertx vertx) {
    start(vertx, Duration.ofMillis(200));
    await().atMost(PATIENCE).until(cache::loaded);

    table.add("only-change.example.test"); // no event at all, and none after it

    await().atMost(PATIENCE).untilAsserted(() -> assertThat(cache.find("only-change.example.test")).isPresent());
  }

  @Test
  void aGatewayThatJoinsLateLoadsTheWholeTable(Vertx vertx) {
    table.add("before-1.example.test");
    table.add("before-2.example.test");

    start(vertx, Duration.ofHours(1));

    await().atMost(PATIENCE).until(cache::loaded);
    assertThat(cache.size()).isEqualTo(2);
    assertThat(cache.find("before-2.example.test")).isPresent();
  }

  @Test
  void anOlderEventNeverSetsAWorkspaceBack(Vertx vertx) {
    start(vertx, Duration.ofHours(1));
    await().atMost(PATIENCE).until(cache::loaded); // subscribed: the events below all arrive
    RouteMapping route = table.add("app.example.test");
    RouteMapping newer = table.withVersion(route, 5, false);
    table.publish(vertx, newer);
    await().atMost(PATIENCE).until(() -> cache.find("app.example.test").map(r -> !r.active()).orElse(false));

    table.publish(vertx, table.withVersion(route, 3, true)); // crossed with the newer one on the way

    // a later event shows the older one has been handled (events are handled in order)
    table.publish(vertx, table.add("marker.example.test"));
    await().atMost(PATIENCE).until(() -> cache.find("marker.example.test").isPresent());
    assertThat(cache.find("app.example.test")).hasValueSatisfying(r -> assertThat(r.active()).isFalse());
  }

  @Test
  void aWorkspacesActiveRoutesFollowItsEventsAndTheTableDefaultAppFirst(Vertx vertx) {
    RouteMapping web = table.add("dev--ada.example.test");
    RouteMapping docs = table.inWorkspace(web.workspaceId(), "docs--dev--ada.example.test");
    start(vertx, Duration.ofHours(1));
    await().atMost(PATIENCE).until(cache::loaded);

    assertThat(cache.routesOf(web.workspaceId())).extracting(RouteMapping::host)
        .containsExactly("dev--ada.example.test", "docs--dev--ada.example.test");

    // the workspace stops: its routes stay known (its page says so) but open nothing
    table.publish(vertx, table.withVersion(docs, table.version() + 1, false));
    RouteMapping stopped = table.withVersion(web, table.version() + 1, false);
    table.publish(vertx, stopped);
    await().atMost(PATIENCE).until(() -> cache.find(web.host()).map(r -> !r.active()).orElse(false));

    assertThat(cache.routesOf(web.workspaceId())).isEmpty();
    assertThat(cache.find("docs--dev--ada.example.test")).isPresent();
  }

  @Test
  void aGatewayStartedBeforeRoutingServiceLoadsTheTableAsSoonAsRoutingServiceAnnouncesItself(Vertx vertx) {
    table.add("early.example.test");
    // no routing-service yet, and a retry that would come only in an hour
    cache = new RouteCache(vertx, new SimpleMeterRegistry(), Duration.ofHours(1), Duration.ofHours(1),
        Duration.ofHours(1));
    vertx.getOrCreateContext().runOnContext(v -> cache.start());
    await().atMost(PATIENCE).until(cache::waitingToRetry); // the first read found no routing-service

    TypedBus.serve(vertx, RoutingContract.class, table, TypedBus.FailureTranslator.NONE);
    HealthResponder.register(vertx, Addresses.ROUTING, Map.of()); // as routing-service does once it serves

    await().atMost(PATIENCE).until(cache::loaded);
    assertThat(cache.find("early.example.test")).isPresent();
  }

  private void start(Vertx vertx, Duration resyncEvery) {
    TypedBus.serve(vertx, RoutingContract.class, table, TypedBus.FailureTranslator.NONE);
    cache = new RouteCache(vertx, new SimpleMeterRegistry(), resyncEvery, Duration.ofMillis(50), Duration.ofSeconds(1));
    // like the gateway verticle: the cache lives on one context
    vertx.getOrCreateContext().runOnContext(v -> cache.start());
  }

  /** routing-service's table as far as the cache reads it: a version and its routes. */
  private static final class FakeRouteTable implements RoutingContract {

    private final List<RouteMapping> routes = new ArrayList<>();
    private long version;

    synchronized RouteMapping add(String host) {
      version++;
      RouteMapping route = new RouteMapping(host, UUID.randomUUID(), UUID.randomUUID(), "web", 8080,
          "http://127.0.0.1:1", "local", SharingLevel.OWNER, "/", true, true, Instant.now(), Instant.now(), version);
      routes.add(route);
      return route;
    }

    /** Another app of the workspace, in the table (no event). */
    synchronized RouteMapping inWorkspace(UUID workspaceId, String host) {
      version++;
      RouteMapping route = new RouteMapping(host, workspaceId, UUID.randomUUID(), "docs", 8081,
          "http://127.0.0.1:2", "local", SharingLevel.OWNER, "/", true, true, Instant.now(), Instant.now(), version);
      routes.add(route);
      return route;
    }

    synchronized long version() {
      return version;
    }

    synchronized RouteMapping withVersion(RouteMapping route, long newVersion, boolean active) {
      version = Math.max(version, newVersion);
      return new RouteMapping(route.host(), route.workspaceId(), route.ownerId(), route.appName(), route.appPort(),
          route.upstreamUrl(), route.dockerHostId(), route.sharing(), route.healthPath(), route.healthy(), active,
          route.createdAt(), Instant.now(), newVersion);
    }

    void publish(Vertx vertx, RouteMapping route) {
      TypedBus.publish(vertx, RoutingContract.EVENTS_ROUTE_CHANGED, new RouteChangedEvent(
          RouteChangedEvent.Change.REGISTERED, route.workspaceId(), List.of(route), route.version(), Instant.now()));
    }

    @Override
    public synchronized Future<RouteTable> table(Caller caller) {
      return Future.succeededFuture(new RouteTable(version, List.copyOf(routes)));
    }

    @Override
    public Future<RoutesRegistered> register(Caller caller, RouteRegistration registration) {
      throw new UnsupportedOperationException("the cache only reads the table");
    }

    @Override
    public Future<RoutesDeregistered> deregister(Caller caller, UUID workspaceId, boolean purge) {
      throw new UnsupportedOperationException("the cache only reads the table");
    }

    @Override
    public Future<List<RouteMapping>> routesOf(Caller caller, UUID workspaceId) {
      throw new UnsupportedOperationException("the cache only reads the table");
    }

    @Override
    public Future<RouteMapping> resolve(Caller caller, String host) {
      throw new UnsupportedOperationException("the cache only reads the table");
    }

    @Override
    public Future<Void> setHealth(Caller caller, String host, boolean healthy) {
      throw new UnsupportedOperationException("the cache only reads the table");
    }

    @Override
    public Future<List<RouteMapping>> setSharing(Caller caller, UUID workspaceId, SharingLevel sharing) {
      throw new UnsupportedOperationException("the cache only reads the table");
    }

    @Override
    public Future<JsonObject> traefikDocument(String providerSecret) {
      throw new UnsupportedOperationException("the cache only reads the table");
    }
  }
}
