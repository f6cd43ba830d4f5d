package io.devsanctum.provisioner.controller;

import io.devsanctum.common.bus.BusEndpoint;
import io.devsanctum.common.bus.ProvisionerContract;
import io.devsanctum.provisioner.service.HostMonitor;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Docker hosts: their health and load, and placement of new workspaces. */
public class HostController {

  private final HostMonitor monitor;

  public HostController(HostMonitor monitor) {
    this.monitor = monitor;
  }

  public void register(Vertx vertx) {
    BusEndpoint.serve(vertx, ProvisionerContract.HOSTS_LIST, this::list);
    BusEndpoint.serve(vertx, ProvisionerContract.HOSTS_PLACE, this::place);
    BusEndpoint.serve(vertx, ProvisionerContract.IMAGE_LOCATE, this::locateImage);
  }

  private Future<JsonObject> locateImage(Message<JsonObject> message) {
    return monitor.locateImage(ProvisionerJson.required(message.body(), "image")).map(location -> new JsonObject()
        .put("present", new JsonArray(location.present()))
        .put("missing", new JsonArray(location.missing()))
        .put("unchecked", new JsonArray(location.unchecked())));
  }

  private Future<JsonObject> list(Message<JsonObject> message) {
    return monitor.checkAll().map(hosts -> new JsonObject()
        .put("hosts", new JsonArray(hosts.stream().map(ProvisionerJson::host).toList())));
  }

  private Future<JsonObject> place(Message<JsonObject> message) {
    return monitor.place().map(host -> new JsonObject().put("hostId", host.id()));
  }
}
