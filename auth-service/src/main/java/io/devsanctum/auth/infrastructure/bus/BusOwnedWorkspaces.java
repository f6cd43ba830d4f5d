package io.devsanctum.auth.infrastructure.bus;

import io.devsanctum.auth.model.Caller;
import io.devsanctum.auth.service.OwnedWorkspaces;
import io.devsanctum.common.bus.BusHeaders;
import io.devsanctum.common.bus.WorkspaceContract;
import io.devsanctum.common.logging.RequestContext;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** {@link OwnedWorkspaces} asked of workspace-service over the event bus, as the admin who asked us. */
public class BusOwnedWorkspaces implements OwnedWorkspaces {

  private final EventBus eventBus;

  public BusOwnedWorkspaces(EventBus eventBus) {
    this.eventBus = eventBus;
  }

  @Override
  public Future<Integer> release(Caller admin, UUID ownerId, boolean deleteThem) {
    DeliveryOptions options = new DeliveryOptions()
        .addHeader(BusHeaders.USER_ID, admin.userId().toString())
        .addHeader(BusHeaders.USER_ROLE, admin.role().wireName())
        .addHeader(BusHeaders.USERNAME, "");
    String requestId = RequestContext.requestId();
    if (requestId != null) {
      options.addHeader(BusHeaders.REQUEST_ID, requestId);
    }
    return eventBus.<JsonObject>request(WorkspaceContract.OWNERS_RELEASE,
            new JsonObject().put("ownerId", ownerId.toString()).put("deleteWorkspaces", deleteThem), options)
        .map(reply -> reply.body().getInteger("deleting"));
  }
}
