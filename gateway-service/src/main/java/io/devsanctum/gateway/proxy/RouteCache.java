package io.devsanctum.gateway.proxy;

import io.devsanctum.common.bus.RouteChangedEvent;
import io.devsanctum.common.bus.RouteMapping;
import io.devsanctum.common.bus.RoutingContract;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's copy of the route table, by host: loaded with {@code routing.routes.list} (retried
 * until routing-service answers) and kept current from {@code routing.events.route-changed}.
 * Events that arrive while the table is loading are applied after it, in order, so none is lost.
 *
 * <p>Metrics: {@code devsanctum.proxy.routes} (routes known), {@code devsanctum.proxy.route.propagation}
 * (from an event's publication to its application here).
 */
public class RouteCache {

  private static final Logger LOG = LoggerFactory.getLogger(RouteCache.class);
  /** Asked again soon at first (routing-service may be starting beside this gateway), then less often. */
  private static final long FIRST_RETRY_MS = 50;
  private static final long LONGEST_RETRY_MS = 1_000;
  private static final Comparator<RouteMapping> DEFAULT_APP_FIRST =
      Comparator.comparing((RouteMapping route) -> route.host().length()).thenComparing(RouteMapping::host);

  private final Vertx vertx;
  private final Map<String, RouteMapping> byHost = new ConcurrentHashMap<>();
  /** The active routes of each running workspace, its default app first; kept with {@link #byHost}. */
  private final Map<UUID, List<RouteMapping>> activeByWorkspace = new ConcurrentHashMap<>();
  private final Timer propagation;
  /** Events received before the table was loaded; touched only on the verticle's context. */
  private List<RouteChangedEvent> early = new ArrayList<>();
  private volatile boolean loaded;
  private MessageConsumer<JsonObject> consumer;
  private long retryTimer = -1;
  private long nextRetryMs = FIRST_RETRY_MS;

  public RouteCache(Vertx vertx, MeterRegistry metrics) {
    this.vertx = vertx;
    this.propagation = Timer.builder("devsanctum.proxy.route.propagation")
        .description("From routing-service publishing a route change to the built-in proxy applying it")
        .publishPercentiles(0.5, 0.99)
        .register(metrics);
    Gauge.builder("devsanctum.proxy.routes", byHost, Map::size)
        .description("Routes known to the built-in proxy")
        .strongReference(true)
        .register(metrics);
  }

  /** Subscribes to route changes, then loads the table in the background (not waiting for routing-service). */
  public Future<Void> start() {
    consumer = vertx.eventBus().consumer(RoutingContract.EVENTS_ROUTE_CHANGED, message -> {
      RouteChangedEvent event;
      try {
        event = RouteChangedEvent.MAPPER.fromJson(message.body());
      } catch (RuntimeException malformed) {
        LOG.warn("ignoring a malformed route-changed event: {}", malformed.getMessage());
        return;
      }
      if (loaded) {
        apply(event);
      } else {
        early.add(event);
      }
    });
    return consumer.completion().onSuccess(v -> load());
  }

  public void stop() {
    if (retryTimer >= 0) {
      vertx.cancelTimer(retryTimer);
    }
    if (consumer != null) {
      consumer.unregister();
    }
  }

  /** Whether the table has been loaded; until then no host can be told apart from an unknown one. */
  public boolean loaded() {
    return loaded;
  }

  public Optional<RouteMapping> find(String host) {
    return host == null ? Optional.empty() : Optional.ofNullable(byHost.get(host.toLowerCase(Locale.ROOT)));
  }

  /**
   * The active routes of one workspace (its apps while it runs), the default app first: it is
   * served at {@code <slug>.<domain>}, every other app at {@code <app>--<slug>.<domain>}, so the
   * shortest host is the default one.
   */
  public List<RouteMapping> routesOf(UUID workspaceId) {
    return activeByWorkspace.getOrDefault(workspaceId, List.of());
  }

  public int size() {
    return byHost.size();
  }

  private void load() {
    vertx.eventBus().<JsonObject>request(RoutingContract.LIST, new JsonObject(), new DeliveryOptions().setSendTimeout(5_000))
        .onSuccess(reply -> {
          reply.body().getJsonArray("routes", new JsonArray()).forEach(route -> {
            RouteMapping mapping = RouteMapping.MAPPER.fromJson((JsonObject) route);
            put(mapping);
          });
          loaded = true;
          List<RouteChangedEvent> pending = early;
          early = List.of();
          pending.forEach(this::apply);
          LOG.info("built-in proxy: {} routes loaded", byHost.size());
        })
        .onFailure(failure -> {
          if (nextRetryMs == FIRST_RETRY_MS) {
            LOG.info("built-in proxy: route table not available yet ({}); retrying", failure.getMessage());
          }
          retryTimer = vertx.setTimer(nextRetryMs, id -> {
            retryTimer = -1;
            load();
          });
          nextRetryMs = Math.min(LONGEST_RETRY_MS, nextRetryMs * 2);
        });
  }

  private void apply(RouteChangedEvent event) {
    for (RouteMapping route : event.routes()) {
      if (event.change() == RouteChangedEvent.Change.REMOVED) {
        // only if the host still belongs to that workspace (a later registration may have taken it)
        RouteMapping current = byHost.get(route.host());
        if (current != null && current.workspaceId().equals(route.workspaceId())) {
          byHost.remove(route.host());
          indexed(current.workspaceId(), current.host(), null);
        }
      } else {
        put(route);
      }
    }
    propagation.record(Duration.between(event.at(), Instant.now()).abs());
  }

  private void put(RouteMapping route) {
    RouteMapping previous = byHost.put(route.host(), route);
    if (previous != null && !previous.workspaceId().equals(route.workspaceId())) {
      indexed(previous.workspaceId(), previous.host(), null); // the host moved to another workspace
    }
    indexed(route.workspaceId(), route.host(), route.active() ? route : null);
  }

  /** The workspace's active routes with {@code host}'s replaced by {@code route} (null: none), in their order. */
  private void indexed(UUID workspaceId, String host, RouteMapping route) {
    activeByWorkspace.compute(workspaceId, (id, routes) -> {
      List<RouteMapping> updated = new ArrayList<>(routes == null ? List.of() : routes);
      updated.removeIf(known -> known.host().equals(host));
      if (route != null) {
        updated.add(route);
      }
      updated.sort(DEFAULT_APP_FIRST);
      return updated.isEmpty() ? null : List.copyOf(updated);
    });
  }
}
