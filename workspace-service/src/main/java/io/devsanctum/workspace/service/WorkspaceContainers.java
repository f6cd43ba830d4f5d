package io.devsanctum.workspace.service;

import io.devsanctum.common.contract.provisioner.ContainerInventory;
import io.devsanctum.common.contract.provisioner.ContainerStatus;
import io.devsanctum.common.contract.provisioner.HomeVolume;
import io.devsanctum.common.contract.provisioner.ImageLocation;
import io.devsanctum.common.contract.provisioner.PublishedApp;
import io.devsanctum.common.contract.workspace.TemplateSpec;
import io.devsanctum.common.contract.workspace.Workspace;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;

/**
 * The Docker side of a workspace, as the orchestrator and the reconciler need it (the provisioner
 * serves it). Every operation is idempotent. Failures are domain exceptions: UnavailableException
 * for a host that is down, NoAnswerException when the provisioner does not answer.
 */
public interface WorkspaceContainers {

  /** The Docker host a new workspace should live on. */
  Future<String> place();

  /** Fails UNPROCESSABLE, naming the image, when the host cannot run it. */
  Future<Void> checkImage(String hostId, String image);

  /** Which hosts have the image now (nothing is pulled). */
  Future<ImageLocation> locateImage(String image);

  Future<HomeVolume> ensureVolume(Workspace workspace);

  Future<Void> ensureNetwork(Workspace workspace);

  /**
   * Creates the container unless one made from the same spec and env exists; a container made
   * from another (template version, parameters) is replaced, the home volume staying. True when it
   * was replaced.
   */
  Future<Boolean> ensureContainer(Workspace workspace, TemplateSpec spec, Map<String, String> env);

  /** Starts the container; its apps and where they are reached. */
  Future<List<PublishedApp>> start(Workspace workspace);

  Future<ContainerStatus> status(Workspace workspace);

  Future<Void> stop(Workspace workspace);

  /** Removes a container by id, whatever it belongs to (the reconciler's orphans); volumes stay. */
  Future<Void> removeContainer(String hostId, String containerId);

  /** Removes container, home volume and, when unused, the owner's network. */
  Future<Void> remove(Workspace workspace);

  Future<ContainerInventory> inventory();
}
