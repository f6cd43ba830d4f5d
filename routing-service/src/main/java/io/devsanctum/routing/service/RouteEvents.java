package io.devsanctum.routing.service;

import io.devsanctum.common.contract.routing.RouteChangedEvent;

/** Where route changes are announced. */
public interface RouteEvents {

  void publish(RouteChangedEvent event);
}
