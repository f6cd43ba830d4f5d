package io.devsanctum.workspace.infrastructure.bus;

import io.devsanctum.common.bus.AuthContract;
import io.devsanctum.common.bus.Caller;
import io.devsanctum.workspace.service.UserDirectory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** {@link UserDirectory} over the event bus, served by auth-service, asked on behalf of the caller. */
public class BusUserDirectory implements UserDirectory {

  private final Vertx vertx;

  public BusUserDirectory(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public Future<Void> requireUser(Caller caller, UUID userId) {
    return vertx.eventBus().request(AuthContract.USERS_GET, new JsonObject().put("userId", userId.toString()),
        caller.applyTo(new DeliveryOptions())).mapEmpty();
  }
}
