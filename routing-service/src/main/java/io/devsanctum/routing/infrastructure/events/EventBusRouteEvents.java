package io.devsanctum.routing.infrastructure.events;

import io.devsanctum.common.bus.RouteChangedEvent;
import io.devsanctum.common.bus.RoutingContract;
import io.devsanctum.routing.service.RouteEvents;
import io.vertx.core.eventbus.EventBus;

/** Publishes route changes to every subscriber in the cluster (the gateways' built-in proxies). */
public class EventBusRouteEvents implements RouteEvents {

  private final EventBus eventBus;

  public EventBusRouteEvents(EventBus eventBus) {
    this.eventBus = eventBus;
  }

  @Override
  public void publish(RouteChangedEvent event) {
    eventBus.publish(RoutingContract.EVENTS_ROUTE_CHANGED, RouteChangedEvent.MAPPER.toJson(event));
  }
}
