package io.devsanctum.gateway.routetable;

import io.devsanctum.common.bus.Addresses;
import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.bus.TypedBus;
import io.devsanctum.common.contract.routing.RouteChangedEvent;
import io.devsanctum.common.contract.routing.RouteMapping;
import io.devsanctum.common.contract.routing.RouteTable;
import io.devsanctum.common.contract.routing.RoutingContract;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's copy of the route table, by host: loaded through routing-service's contract
 * (retried until it answers, and asked again at once when routing-service announces it has started)
 * and kept current from {@code routing.events.route-changed}. Events
 * that arrive while the table is loading are applied after it, so none is lost.
 *
 * <p>Events cannot be lost silently either: each carries the table's version, a workspace's routes
 * are never set back by an older event than the one already applied (events of two routing
 * instances may cross), and a version skipped (an event this gateway never got, or one that is
 * late) makes it read the whole table again, as it also does every minute as a backstop.
 *
 * <p>Metrics: {@code devsanctum.proxy.routes} (routes known), {@code devsanctum.proxy.route.propagation}
 * (from an event's publication to its application here), {@code devsanctum.proxy.route.resyncs}.
 */
public class RouteCache {

  private static final Logger LOG = LoggerFactory.getLogger(RouteCache.class);
  private static final Caller GATEWAY = Caller.service("gateway");
  /** Asked again soon at first (routing-service may be starting beside this gateway), then less often. */
  private static final Duration FIRST_RETRY = Duration.ofMillis(50);
  private static final Duration LONGEST_RETRY = Duration.ofSeconds(1);
  /** The default app is served at {@code <slug>.<domain>}, every other at {@code <app>--<slug>.<domain>}. */
  private static final Comparator<RouteMapping> DEFAULT_APP_FIRST =
      Comparator.comparing((RouteMapping route) -> route.host().length()).thenComparing(RouteMapping::host);
  private static final Duration RESYNC_EVERY = Duration.ofMinutes(1);

  private final Vertx vertx;
  private final Duration resyncEvery;
  private final long firstRetryMs;
  private final long longestRetryMs;
  private final RoutingContract routing;
  private final Map<String, RouteMapping> byHost = new ConcurrentHashMap<>();
  /**
   * The active routes of each running workspace, its default app first: derived from {@link #byHost}
   * whenever a workspace's routes change, so that a list of workspaces finds each one's links at once.
   */
  private final Map<UUID, List<RouteMapping>> activeByWorkspace = new ConcurrentHashMap<>();
  /** The version of the last change applied per workspace, removed ones included. */
  private final Map<UUID, Long> versionByWorkspace = new ConcurrentHashMap<>();
  private final Timer propagation;
  private final Counter resyncs;
  /** Events received while the table is being read; touched only on the verticle's context. */
  private List<RouteChangedEvent> early = new ArrayList<>();
  private volatile boolean loaded;
  private boolean reading;
  private boolean readAgain;
  private long highestSeen;
  private MessageConsumer<JsonObject> consumer;
  private MessageConsumer<Void> routingStarted;
  private volatile long retryTimer = -1;
  private long nextRetryMs;
  private long resyncTimer = -1;

  public RouteCache(Vertx vertx, MeterRegistry metrics) {
    this(vertx, metrics, RESYNC_EVERY, FIRST_RETRY, LONGEST_RETRY);
  }

  RouteCache(Vertx vertx, MeterRegistry metrics, Duration resyncEvery, Duration firstRetry, Duration longestRetry) {
    this.vertx = vertx;
    this.resyncEvery = resyncEvery;
    this.firstRetryMs = firstRetry.toMillis();
    this.longestRetryMs = longestRetry.toMillis();
    this.nextRetryMs = firstRetryMs;
    this.routing = TypedBus.client(vertx, RoutingContract.class, Duration.ofSeconds(5));
    this.propagation = Timer.builder("devsanctum.proxy.route.propagation")
        .description("From routing-service publishing a route change to the built-in proxy applying it")
        .publishPercentiles(0.5, 0.99)
        .register(metrics);
    this.resyncs = Counter.builder("devsanctum.proxy.route.resyncs")
        .description("Times the built-in proxy read the whole route table again (a skipped version, or the backstop)")
        .register(metrics);
    Gauge.builder("devsanctum.proxy.routes", byHost, Map::size)
        .description("Routes known to the built-in proxy")
        .strongReference(true)
        .register(metrics);
  }

  /** Subscribes to route changes, then loads the table in the background (not waiting for routing-service). */
  public Future<Void> start() {
    consumer = TypedBus.subscribe(vertx, RoutingContract.EVENTS_ROUTE_CHANGED, RouteChangedEvent.class, event -> {
      if (reading) {
        early.add(event);
      } else {
        accept(event);
      }
    });
    // a read that failed waits for its retry, unless routing-service says it now serves
    routingStarted = vertx.eventBus().consumer(Addresses.started(Addresses.ROUTING), started -> {
      if (retryTimer >= 0) {
        vertx.cancelTimer(retryTimer);
        retryTimer = -1;
        read();
      }
    });
    resyncTimer = vertx.setPeriodic(resyncEvery.toMillis(), id -> resync());
    return Future.all(consumer.completion(), routingStarted.completion()).<Void>mapEmpty().onSuccess(v -> read());
  }

  public void stop() {
    if (retryTimer >= 0) {
      vertx.cancelTimer(retryTimer);
    }
    if (resyncTimer >= 0) {
      vertx.cancelTimer(resyncTimer);
    }
    if (consumer != null) {
      consumer.unregister();
    }
    if (routingStarted != null) {
      routingStarted.unregister();
    }
  }

  /** Whether the table has been loaded; until then no host can be told apart from an unknown one. */
  public boolean loaded() {
    return loaded;
  }

  /** Whether a read failed and the next waits for its retry (or for routing-service to announce itself). */
  boolean waitingToRetry() {
    return retryTimer >= 0;
  }

  public Optional<RouteMapping> find(String host) {
    return host == null ? Optional.empty() : Optional.ofNullable(byHost.get(host.toLowerCase(Locale.ROOT)));
  }

  /** The active routes of one workspace (its apps while it runs), the default app first. */
  public List<RouteMapping> routesOf(UUID workspaceId) {
    return activeByWorkspace.getOrDefault(workspaceId, List.of());
  }

  public int size() {
    return byHost.size();
  }

  /** Reads the table again (at once, or after the read under way). */
  void resync() {
    if (reading) {
      readAgain = true;
      return;
    }
    resyncs.increment();
    read();
  }

  private void read() {
    reading = true;
    routing.table(GATEWAY)
        .onSuccess(table -> {
          replaceWith(table);
          nextRetryMs = firstRetryMs;
          boolean first = !loaded;
          loaded = true;
          reading = false;
          List<RouteChangedEvent> pending = early;
          early = new ArrayList<>();
          pending.forEach(this::accept);
          if (first) {
            LOG.info("built-in proxy: {} routes loaded (table version {})", byHost.size(), table.version());
          }
          if (readAgain) {
            readAgain = false;
            resync();
          }
        })
        .onFailure(failure -> {
          if (nextRetryMs == firstRetryMs) {
            LOG.info("built-in proxy: route table not available yet ({}); retrying", failure.getMessage());
          }
          retryTimer = vertx.setTimer(nextRetryMs, id -> {
            retryTimer = -1;
            read();
          });
          nextRetryMs = Math.min(longestRetryMs, nextRetryMs * 2);
        });
  }

  /** The table as read, except for workspaces an event newer than the read has changed since. */
  private void replaceWith(RouteTable table) {
    Map<UUID, List<RouteMapping>> read = new HashMap<>();
    table.routes().forEach(route -> read.computeIfAbsent(route.workspaceId(), id -> new ArrayList<>()).add(route));
    byHost.values().removeIf(route -> !read.containsKey(route.workspaceId())
        && versionByWorkspace.getOrDefault(route.workspaceId(), 0L) <= table.version());
    read.forEach((workspace, routes) -> {
      long readVersion = routes.stream().mapToLong(RouteMapping::version).max().orElse(0);
      if (versionByWorkspace.getOrDefault(workspace, 0L) > readVersion) {
        return; // an event newer than the read has been applied
      }
      byHost.values().removeIf(route -> route.workspaceId().equals(workspace));
      routes.forEach(route -> byHost.put(route.host(), route));
      versionByWorkspace.put(workspace, readVersion);
    });
    highestSeen = Math.max(highestSeen, table.version());
    reindexAll();
  }

  private void accept(RouteChangedEvent event) {
    if (event.version() > highestSeen + 1 && loaded) {
      LOG.info("built-in proxy: route table version {} came after {}; reading the table again", event.version(),
          highestSeen);
      vertx.runOnContext(v -> resync());
    }
    highestSeen = Math.max(highestSeen, event.version());
    if (event.version() < versionByWorkspace.getOrDefault(event.workspaceId(), 0L)) {
      return; // older than what this gateway already has of that workspace
    }
    versionByWorkspace.put(event.workspaceId(), event.version());
    apply(event);
  }

  private void apply(RouteChangedEvent event) {
    Set<UUID> changed = new HashSet<>(Set.of(event.workspaceId()));
    for (RouteMapping route : event.routes()) {
      if (event.change() == RouteChangedEvent.Change.REMOVED) {
        // only if the host still belongs to that workspace (a later registration may have taken it)
        byHost.computeIfPresent(route.host(),
            (host, current) -> current.workspaceId().equals(route.workspaceId()) ? null : current);
      } else {
        RouteMapping previous = byHost.put(route.host(), route);
        if (previous != null) {
          changed.add(previous.workspaceId()); // the host may have moved from another workspace
        }
      }
    }
    changed.forEach(this::reindex);
    propagation.record(Duration.between(event.at(), Instant.now()).abs());
  }

  private void reindex(UUID workspaceId) {
    List<RouteMapping> active = byHost.values().stream()
        .filter(route -> route.active() && route.workspaceId().equals(workspaceId))
        .sorted(DEFAULT_APP_FIRST)
        .toList();
    if (active.isEmpty()) {
      activeByWorkspace.remove(workspaceId);
    } else {
      activeByWorkspace.put(workspaceId, active);
    }
  }

  private void reindexAll() {
    Map<UUID, List<RouteMapping>> active = new HashMap<>();
    byHost.values().stream().filter(RouteMapping::active)
        .forEach(route -> active.computeIfAbsent(route.workspaceId(), id -> new ArrayList<>()).add(route));
    active.values().forEach(routes -> routes.sort(DEFAULT_APP_FIRST));
    activeByWorkspace.keySet().retainAll(active.keySet());
    active.forEach((workspace, routes) -> activeByWorkspace.put(workspace, List.copyOf(routes)));
  }
}
