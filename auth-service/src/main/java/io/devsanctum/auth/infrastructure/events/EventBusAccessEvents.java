package io.devsanctum.auth.infrastructure.events;

import io.devsanctum.auth.service.AccessEvents;
import io.devsanctum.common.bus.AuthContract;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** Publishes access changes to every subscriber in the cluster (the gateways' session checks). */
public class EventBusAccessEvents implements AccessEvents {

  private final EventBus eventBus;

  public EventBusAccessEvents(EventBus eventBus) {
    this.eventBus = eventBus;
  }

  @Override
  public void accessChanged(UUID userId) {
    eventBus.publish(AuthContract.EVENTS_ACCESS_CHANGED, new JsonObject().put("userId", userId.toString()));
  }
}
