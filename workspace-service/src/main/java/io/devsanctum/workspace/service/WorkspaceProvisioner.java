package io.devsanctum.workspace.service;

import io.devsanctum.workspace.model.ContainerInventory;
import io.devsanctum.workspace.model.ContainerStatus;
import io.devsanctum.workspace.model.HomeVolume;
import io.devsanctum.workspace.model.ImageLocation;
import io.devsanctum.workspace.model.RunningApp;
import io.devsanctum.workspace.model.TemplateSpec;
import io.devsanctum.workspace.model.Workspace;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;

/** The Docker side of a workspace, as the orchestrator needs it. Every operation is idempotent. */
public interface WorkspaceProvisioner {

  /** The Docker host a new workspace should live on. */
  Future<String> place();

  /** Fails UNPROCESSABLE, naming the image, when the host cannot run it. */
  Future<Void> checkImage(String hostId, String image);

  /** Which hosts have the image now (nothing is pulled). */
  Future<ImageLocation> locateImage(String image);

  Future<HomeVolume> ensureVolume(Workspace workspace);

  Future<Void> ensureNetwork(Workspace workspace);

  /**
   * Creates the container unless one made from the same spec and env exists; a stopped container
   * made from another (template version, parameters) is replaced, the home volume staying. True
   * when it was replaced.
   */
  Future<Boolean> ensureContainer(Workspace workspace, TemplateSpec spec, Map<String, String> env);

  Future<List<RunningApp>> start(Workspace workspace);

  Future<ContainerStatus> status(Workspace workspace);

  Future<Void> stop(Workspace workspace);

  /** Removes a container by id, whatever it belongs to (the reconciler's orphans); volumes stay. */
  Future<Void> removeContainer(String hostId, String containerId);

  /** Removes container, home volume and, when unused, the owner's network. */
  Future<Void> remove(Workspace workspace);

  Future<ContainerInventory> inventory();
}
