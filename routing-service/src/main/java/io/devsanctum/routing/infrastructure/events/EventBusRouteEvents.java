package io.devsanctum.routing.infrastructure.events;

import io.devsanctum.common.bus.TypedBus;
import io.devsanctum.common.contract.routing.RouteChangedEvent;
import io.devsanctum.common.contract.routing.RoutingContract;
import io.devsanctum.routing.service.RouteEvents;
import io.vertx.core.Vertx;

/** Publishes route changes to every subscriber in the cluster (the gateways' built-in proxies). */
public class EventBusRouteEvents implements RouteEvents {

  private final Vertx vertx;

  public EventBusRouteEvents(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public void publish(RouteChangedEvent event) {
    TypedBus.publish(vertx, RoutingContract.EVENTS_ROUTE_CHANGED, event);
  }
}
