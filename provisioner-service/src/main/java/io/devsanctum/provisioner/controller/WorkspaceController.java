package io.devsanctum.provisioner.controller;

import static io.devsanctum.provisioner.controller.ProvisionerJson.required;

import io.devsanctum.common.bus.BusEndpoint;
import io.devsanctum.common.bus.ProvisionerContract;
import io.devsanctum.provisioner.service.WorkspaceProvisioner;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

/** The steps of a workspace's lifecycle on its Docker host, each idempotent. */
public class WorkspaceController {

  private final WorkspaceProvisioner provisioner;

  public WorkspaceController(WorkspaceProvisioner provisioner) {
    this.provisioner = provisioner;
  }

  public void register(Vertx vertx) {
    BusEndpoint.serve(vertx, ProvisionerContract.IMAGE_CHECK, this::checkImage);
    BusEndpoint.serve(vertx, ProvisionerContract.VOLUME_ENSURE, this::ensureVolume);
    BusEndpoint.serve(vertx, ProvisionerContract.NETWORK_ENSURE, this::ensureNetwork);
    BusEndpoint.serve(vertx, ProvisionerContract.CONTAINER_ENSURE, this::ensureContainer);
    BusEndpoint.serve(vertx, ProvisionerContract.CONTAINER_START, this::start);
    BusEndpoint.serve(vertx, ProvisionerContract.CONTAINER_STATUS, this::status);
    BusEndpoint.serve(vertx, ProvisionerContract.CONTAINER_STOP, this::stop);
    BusEndpoint.serve(vertx, ProvisionerContract.WORKSPACE_REMOVE, this::remove);
  }

  private Future<JsonObject> checkImage(Message<JsonObject> message) {
    JsonObject body = message.body();
    return provisioner.checkImage(required(body, "hostId"), required(body, "image")).map(v -> new JsonObject());
  }

  private Future<JsonObject> ensureVolume(Message<JsonObject> message) {
    JsonObject body = message.body();
    return provisioner.ensureVolume(required(body, "hostId"), required(body, "workspaceId"),
            required(body, "ownerId"), required(body, "templateVersionId"))
        .map(volume -> {
          JsonObject reply = new JsonObject().put("volume", volume.name());
          if (volume.sizeLimit() != null) {
            reply.put("sizeLimit", volume.sizeLimit());
          }
          if (volume.sizeLimitRefused() != null) {
            reply.put("sizeLimitRefused", volume.sizeLimitRefused());
          }
          return reply;
        });
  }

  private Future<JsonObject> ensureNetwork(Message<JsonObject> message) {
    JsonObject body = message.body();
    return provisioner.ensureNetwork(required(body, "hostId"), required(body, "ownerId"))
        .map(network -> new JsonObject().put("network", network));
  }

  private Future<JsonObject> ensureContainer(Message<JsonObject> message) {
    return provisioner.ensureContainer(ProvisionerJson.containerRequest(message.body()))
        .map(ensured -> new JsonObject().put("containerId", ensured.containerId()).put("replaced", ensured.replaced()));
  }

  private Future<JsonObject> start(Message<JsonObject> message) {
    JsonObject body = message.body();
    return provisioner.start(required(body, "hostId"), required(body, "workspaceId")).map(ProvisionerJson::status);
  }

  private Future<JsonObject> status(Message<JsonObject> message) {
    JsonObject body = message.body();
    return provisioner.status(required(body, "hostId"), required(body, "workspaceId")).map(ProvisionerJson::status);
  }

  private Future<JsonObject> stop(Message<JsonObject> message) {
    JsonObject body = message.body();
    return provisioner.stop(required(body, "hostId"), required(body, "workspaceId")).map(done -> new JsonObject());
  }

  private Future<JsonObject> remove(Message<JsonObject> message) {
    JsonObject body = message.body();
    return provisioner.remove(required(body, "hostId"), required(body, "workspaceId"), required(body, "ownerId"))
        .map(done -> new JsonObject());
  }
}
