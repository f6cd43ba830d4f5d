package io.devsanctum.auth.infrastructure.events;

import io.devsanctum.auth.service.AccessEvents;
import io.devsanctum.common.bus.TypedBus;
import io.devsanctum.common.contract.auth.AccessChanged;
import io.devsanctum.common.contract.auth.AuthContract;
import io.vertx.core.Vertx;
import java.util.UUID;

/** Publishes access changes to every subscriber in the cluster (the gateways' session checks). */
public class EventBusAccessEvents implements AccessEvents {

  private final Vertx vertx;

  public EventBusAccessEvents(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public void accessChanged(UUID userId) {
    TypedBus.publish(vertx, AuthContract.EVENTS_ACCESS_CHANGED, new AccessChanged(userId));
  }
}
