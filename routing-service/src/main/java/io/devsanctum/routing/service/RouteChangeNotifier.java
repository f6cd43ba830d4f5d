package io.devsanctum.routing.service;

import io.devsanctum.common.contract.routing.RouteChangedEvent;
import io.devsanctum.common.contract.routing.RouteMapping;
import io.devsanctum.common.db.PgErrors;
import io.devsanctum.routing.repository.RouteRepository;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What follows a change of the route table: the event for the built-in proxies, the metrics, and
 * the active proxy provider brought up to date with the whole table.
 */
public class RouteChangeNotifier {

  private static final Logger LOG = LoggerFactory.getLogger(RouteChangeNotifier.class);

  private final RouteRepository routes;
  private final ProxyProvider proxy;
  private final RouteEvents events;
  private final RoutingMetrics metrics;
  /** Provider updates run one after another, so an older table is never applied after a newer one. */
  private Future<Void> lastSync = Future.succeededFuture();
  /** Whether the last update failed: a provider that stays away is logged when it goes and when it is back. */
  private boolean failing;

  public RouteChangeNotifier(RouteRepository routes, ProxyProvider proxy, RouteEvents events, RoutingMetrics metrics) {
    this.routes = routes;
    this.proxy = proxy;
    this.events = events;
    this.metrics = metrics;
  }

  /** Announces the change of {@code changed}, made at {@code version} (nothing happens when it is empty). */
  public void changed(RouteChangedEvent.Change change, UUID workspaceId, List<RouteMapping> changed, long version) {
    if (changed.isEmpty()) {
      return;
    }
    events.publish(new RouteChangedEvent(change, workspaceId, changed, version, Instant.now()));
    metrics.changed(change, changed.size());
    if (change != RouteChangedEvent.Change.HEALTH) {
      // health changes neither the table's size nor what a provider is given (Traefik checks health itself)
      syncProxy();
    }
  }

  /** Applies the current table to the proxy provider; also run at start-up, and by {@link ProxyReconciler}. */
  public Future<Void> syncProxy() {
    lastSync = lastSync.transform(previous -> routes.findAll().compose(table -> {
      metrics.tableSize(table.size());
      return proxy.apply(table);
    })).onComplete(this::logTransition);
    return lastSync;
  }

  private void logTransition(AsyncResult<Void> done) {
    if (done.failed() && !failing && PgErrors.isUnavailable(done.cause())) {
      // an outage of the database, reported where it is found; the proxy keeps the routes it has
      LOG.info("the proxy provider is updated once the route table can be read again: {}", done.cause().getMessage());
    } else if (done.failed() && !failing) {
      LOG.error("the proxy provider could not be updated with the route table: {}", done.cause().getMessage());
      LOG.debug("proxy provider failure", done.cause());
    } else if (done.failed()) {
      LOG.debug("the proxy provider still cannot be updated: {}", done.cause().getMessage());
    } else if (failing) {
      LOG.info("the proxy provider is up to date with the route table again");
    }
    failing = done.failed();
  }

  /** Completes once the provider update under way (if any) has finished, successfully or not. */
  public Future<Void> settled() {
    return lastSync.otherwiseEmpty();
  }
}
