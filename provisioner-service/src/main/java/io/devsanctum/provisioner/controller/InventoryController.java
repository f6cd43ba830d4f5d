package io.devsanctum.provisioner.controller;

import static io.devsanctum.provisioner.controller.ProvisionerJson.required;

import io.devsanctum.common.bus.BusEndpoint;
import io.devsanctum.common.bus.ProvisionerContract;
import io.devsanctum.provisioner.service.WorkspaceProvisioner;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

/** What the reconciler needs: every managed container, and removal of orphans. */
public class InventoryController {

  private final WorkspaceProvisioner provisioner;

  public InventoryController(WorkspaceProvisioner provisioner) {
    this.provisioner = provisioner;
  }

  public void register(Vertx vertx) {
    BusEndpoint.serve(vertx, ProvisionerContract.CONTAINERS_LIST, this::list);
    BusEndpoint.serve(vertx, ProvisionerContract.CONTAINER_REMOVE_ORPHAN, this::removeOrphan);
  }

  private Future<JsonObject> list(Message<JsonObject> message) {
    return provisioner.inventory().map(ProvisionerJson::inventory);
  }

  private Future<JsonObject> removeOrphan(Message<JsonObject> message) {
    JsonObject body = message.body();
    return provisioner.removeOrphan(required(body, "hostId"), required(body, "containerId"))
        .map(done -> new JsonObject());
  }
}
