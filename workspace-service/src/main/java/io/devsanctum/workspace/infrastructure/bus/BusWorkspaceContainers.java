package io.devsanctum.workspace.infrastructure.bus;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.bus.TypedBus;
import io.devsanctum.common.contract.provisioner.ContainerApp;
import io.devsanctum.common.contract.provisioner.ContainerInventory;
import io.devsanctum.common.contract.provisioner.ContainerRequest;
import io.devsanctum.common.contract.provisioner.ContainerSpec;
import io.devsanctum.common.contract.provisioner.ContainerStatus;
import io.devsanctum.common.contract.provisioner.EnsuredContainer;
import io.devsanctum.common.contract.provisioner.HomeVolume;
import io.devsanctum.common.contract.provisioner.ImageLocation;
import io.devsanctum.common.contract.provisioner.ProvisionerContract;
import io.devsanctum.common.contract.provisioner.PublishedApp;
import io.devsanctum.common.contract.provisioner.WorkspaceOnHost;
import io.devsanctum.common.contract.workspace.TemplateSpec;
import io.devsanctum.common.contract.workspace.Workspace;
import io.devsanctum.workspace.service.WorkspaceContainers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** {@link WorkspaceContainers} through provisioner-service's contract, as workspace-service itself. */
public class BusWorkspaceContainers implements WorkspaceContainers {

  private static final Caller WORKSPACE_SERVICE = Caller.service("workspace");

  private final ProvisionerContract provisioner;

  /** Docker calls (an image pull, a container stop) take longer than the usual bus timeout. */
  public BusWorkspaceContainers(Vertx vertx, Duration timeout) {
    this.provisioner = TypedBus.serviceClient(vertx, ProvisionerContract.class, timeout);
  }

  @Override
  public Future<String> place() {
    return provisioner.place(WORKSPACE_SERVICE);
  }

  @Override
  public Future<Void> checkImage(String hostId, String image) {
    return provisioner.checkImage(WORKSPACE_SERVICE, hostId, image);
  }

  @Override
  public Future<ImageLocation> locateImage(String image) {
    return provisioner.locateImage(WORKSPACE_SERVICE, image);
  }

  @Override
  public Future<HomeVolume> ensureVolume(Workspace w) {
    return provisioner.ensureVolume(WORKSPACE_SERVICE, onHost(w));
  }

  @Override
  public Future<Void> ensureNetwork(Workspace w) {
    return provisioner.ensureNetwork(WORKSPACE_SERVICE, w.dockerHostId(), w.ownerId().toString()).mapEmpty();
  }

  @Override
  public Future<Boolean> ensureContainer(Workspace w, TemplateSpec spec, Map<String, String> env) {
    ContainerSpec container = new ContainerSpec(spec.image(), spec.user(), spec.entrypoint(), spec.command(), env,
        spec.homePath(), spec.apps().stream().map(app -> new ContainerApp(app.name(), app.port(), app.isDefault()))
            .toList(),
        spec.cpuMillis(), spec.memoryMb(), spec.pidsLimit());
    return provisioner.ensureContainer(WORKSPACE_SERVICE, new ContainerRequest(onHost(w), w.ownerName(), w.name(),
            container))
        .map(EnsuredContainer::replaced);
  }

  @Override
  public Future<List<PublishedApp>> start(Workspace w) {
    return provisioner.start(WORKSPACE_SERVICE, w.dockerHostId(), w.id().toString()).map(ContainerStatus::apps);
  }

  @Override
  public Future<ContainerStatus> status(Workspace w) {
    return provisioner.status(WORKSPACE_SERVICE, w.dockerHostId(), w.id().toString());
  }

  @Override
  public Future<Void> stop(Workspace w) {
    return provisioner.stop(WORKSPACE_SERVICE, w.dockerHostId(), w.id().toString());
  }

  @Override
  public Future<Void> removeContainer(String hostId, String containerId) {
    return provisioner.removeOrphan(WORKSPACE_SERVICE, hostId, containerId);
  }

  @Override
  public Future<Void> remove(Workspace w) {
    return provisioner.remove(WORKSPACE_SERVICE, onHost(w));
  }

  @Override
  public Future<ContainerInventory> inventory() {
    return provisioner.inventory(WORKSPACE_SERVICE);
  }

  private static WorkspaceOnHost onHost(Workspace w) {
    return new WorkspaceOnHost(w.dockerHostId(), w.id().toString(), w.ownerId().toString(),
        w.templateVersionId().toString());
  }
}
