package io.devsanctum.routing.service;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;

/**
 * Brings a data plane that keeps its own copy of the routes (Caddy) back in line with the route
 * table, as the workspace reconciler does for containers: a proxy that restarted with none of
 * them, or whose routes were edited by hand, gets the whole set again within one interval. Each
 * round reads the table afresh, so several routing-services push the same, current set.
 */
public class ProxyReconciler {

  private final Vertx vertx;
  private final RouteChangeNotifier notifier;
  private final Duration interval;
  private long timer = -1;
  private Future<Void> round = Future.succeededFuture();

  public ProxyReconciler(Vertx vertx, RouteChangeNotifier notifier, Duration interval) {
    this.vertx = vertx;
    this.notifier = notifier;
    this.interval = interval;
  }

  public void start() {
    timer = vertx.setPeriodic(interval.toMillis(), tick -> {
      // a proxy slower than the interval gets one round at a time, not a growing queue of them
      if (round.isComplete()) {
        round = notifier.syncProxy();
      }
    });
  }

  public void stop() {
    if (timer != -1) {
      vertx.cancelTimer(timer);
    }
  }
}
