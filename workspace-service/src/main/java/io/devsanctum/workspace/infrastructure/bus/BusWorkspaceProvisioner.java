package io.devsanctum.workspace.infrastructure.bus;

import io.devsanctum.common.bus.BusRequests;
import io.devsanctum.common.bus.ProvisionerContract;
import io.devsanctum.workspace.json.TemplateSpecMapper;
import io.devsanctum.workspace.model.ContainerInventory;
import io.devsanctum.workspace.model.ContainerStatus;
import io.devsanctum.workspace.model.HomeVolume;
import io.devsanctum.workspace.model.ImageLocation;
import io.devsanctum.workspace.model.ManagedContainer;
import io.devsanctum.workspace.model.RunningApp;
import io.devsanctum.workspace.model.TemplateSpec;
import io.devsanctum.workspace.model.Workspace;
import io.devsanctum.workspace.service.WorkspaceProvisioner;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** {@link WorkspaceProvisioner} over the event bus, served by provisioner-service. */
public class BusWorkspaceProvisioner implements WorkspaceProvisioner {

  private static final long LOCATE_TIMEOUT_MS = 5_000;

  private final Vertx vertx;
  private final DeliveryOptions options;

  /** Docker calls (an image pull, a container stop) take longer than the usual bus timeout. */
  public BusWorkspaceProvisioner(Vertx vertx, Duration timeout) {
    this.vertx = vertx;
    this.options = new DeliveryOptions().setSendTimeout(timeout.toMillis());
  }

  @Override
  public Future<String> place() {
    return request(ProvisionerContract.HOSTS_PLACE, new JsonObject()).map(reply -> reply.getString("hostId"));
  }

  @Override
  public Future<Void> checkImage(String hostId, String image) {
    return request(ProvisionerContract.IMAGE_CHECK, new JsonObject().put("hostId", hostId).put("image", image))
        .mapEmpty();
  }

  @Override
  public Future<ImageLocation> locateImage(String image) {
    // answered while an admin waits for the save: a host that does not answer quickly counts as unchecked
    DeliveryOptions quick = new DeliveryOptions().setSendTimeout(Math.min(options.getSendTimeout(), LOCATE_TIMEOUT_MS));
    return vertx.eventBus().<JsonObject>request(ProvisionerContract.IMAGE_LOCATE, new JsonObject().put("image", image), quick)
        .map(Message::body)
        .map(reply -> new ImageLocation(hostIds(reply, "present"), hostIds(reply, "missing"), hostIds(reply, "unchecked")));
  }

  private static List<String> hostIds(JsonObject reply, String field) {
    return reply.getJsonArray(field, new JsonArray()).stream().map(String::valueOf).toList();
  }

  @Override
  public Future<HomeVolume> ensureVolume(Workspace w) {
    return request(ProvisionerContract.VOLUME_ENSURE, workspaceRequest(w))
        .map(reply -> new HomeVolume(reply.getString("sizeLimit"), reply.getString("sizeLimitRefused")));
  }

  @Override
  public Future<Void> ensureNetwork(Workspace w) {
    return request(ProvisionerContract.NETWORK_ENSURE, workspaceRequest(w)).mapEmpty();
  }

  @Override
  public Future<Boolean> ensureContainer(Workspace w, TemplateSpec spec, Map<String, String> env) {
    JsonObject specJson = TemplateSpecMapper.INSTANCE.toJson(spec);
    specJson.put("env", new JsonObject(new LinkedHashMap<>(env)));
    specJson.remove("parameters");
    return request(ProvisionerContract.CONTAINER_ENSURE, workspaceRequest(w)
        .put("ownerName", w.ownerName())
        .put("workspaceName", w.name())
        .put("spec", specJson))
        .map(reply -> reply.getBoolean("replaced", false));
  }

  @Override
  public Future<List<RunningApp>> start(Workspace w) {
    return request(ProvisionerContract.CONTAINER_START, workspaceRequest(w)).map(reply -> apps(reply.getJsonArray("apps")));
  }

  @Override
  public Future<ContainerStatus> status(Workspace w) {
    return request(ProvisionerContract.CONTAINER_STATUS, workspaceRequest(w)).map(reply -> new ContainerStatus(
        reply.getBoolean("exists", false), reply.getBoolean("running", false), reply.getInteger("exitCode"),
        apps(reply.getJsonArray("apps"))));
  }

  @Override
  public Future<Void> stop(Workspace w) {
    return request(ProvisionerContract.CONTAINER_STOP, workspaceRequest(w)).mapEmpty();
  }

  @Override
  public Future<Void> removeContainer(String hostId, String containerId) {
    return request(ProvisionerContract.CONTAINER_REMOVE_ORPHAN,
        new JsonObject().put("hostId", hostId).put("containerId", containerId)).mapEmpty();
  }

  @Override
  public Future<Void> remove(Workspace w) {
    return request(ProvisionerContract.WORKSPACE_REMOVE, workspaceRequest(w)).mapEmpty();
  }

  @Override
  public Future<ContainerInventory> inventory() {
    return request(ProvisionerContract.CONTAINERS_LIST, new JsonObject()).map(reply -> {
      List<ManagedContainer> containers = reply.getJsonArray("containers", new JsonArray()).stream()
          .map(JsonObject.class::cast)
          .map(c -> new ManagedContainer(c.getString("hostId"), UUID.fromString(c.getString("workspaceId")),
              c.getString("containerId"), c.getBoolean("running", false)))
          .toList();
      Set<String> unreachable = new HashSet<>();
      reply.getJsonArray("unreachableHosts", new JsonArray()).forEach(h -> unreachable.add((String) h));
      return new ContainerInventory(containers, unreachable);
    });
  }

  private static JsonObject workspaceRequest(Workspace w) {
    return new JsonObject()
        .put("hostId", w.dockerHostId())
        .put("workspaceId", w.id().toString())
        .put("ownerId", w.ownerId().toString())
        .put("templateVersionId", w.templateVersionId().toString());
  }

  private static List<RunningApp> apps(JsonArray apps) {
    return apps == null ? List.of() : apps.stream().map(JsonObject.class::cast)
        .map(a -> new RunningApp(a.getString("name"), a.getInteger("port"), a.getString("upstreamUrl")))
        .toList();
  }

  private Future<JsonObject> request(String address, JsonObject body) {
    return BusRequests.<JsonObject>request(vertx, address, body, new DeliveryOptions(options)).map(Message::body);
  }
}
