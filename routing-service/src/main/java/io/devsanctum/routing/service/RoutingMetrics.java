package io.devsanctum.routing.service;

import io.devsanctum.common.contract.routing.RouteChangedEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/** {@code devsanctum.routes}: size of the route table; {@code devsanctum.route.changes}: routes changed, by kind. */
public class RoutingMetrics {

  private final MeterRegistry registry;
  private final AtomicInteger routes = new AtomicInteger();

  public RoutingMetrics(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("devsanctum.routes", routes, AtomicInteger::get)
        .description("Routes in the route table")
        .strongReference(true)
        .register(registry);
  }

  void tableSize(int size) {
    routes.set(size);
  }

  void changed(RouteChangedEvent.Change change, int routeCount) {
    Counter.builder("devsanctum.route.changes")
        .description("Routes registered, removed or changed in health")
        .tag("change", change.wireName())
        .register(registry)
        .increment(routeCount);
  }
}
