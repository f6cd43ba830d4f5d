package io.devsanctum.common.contract.provisioner;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.bus.Idempotent;
import io.devsanctum.common.bus.WaitAtMost;
import io.vertx.core.Future;
import java.util.List;

/**
 * provisioner-service: the Docker side of workspaces on the configured Docker hosts. Every
 * operation is idempotent in effect and keyed by the immutable workspace id, so the orchestrator
 * can repeat any step after a crash. Ids become parts of Docker object names: 1-100 of
 * {@code [A-Za-z0-9_.-]}, starting with a letter or digit.
 *
 * <p>Callers: services and admins; opening a process also the workspace's owner (the container's
 * owner label decides). Refusals: FORBIDDEN (another caller), NOT_FOUND (no such host), UNAVAILABLE
 * (the host is unreachable; the message names it), UNPROCESSABLE (the host cannot do it, such as a
 * missing image; the message says why), VALIDATION (an id or a spec that breaks a rule).
 */
public interface ProvisionerContract {

  String ADDRESS = "provisioner";

  /** Every configured host, freshly checked, with its load (running workspace containers). */
  @Idempotent
  Future<List<DockerHostStatus>> hosts(Caller caller);

  /** The id of the least-loaded healthy host; UNAVAILABLE when none is healthy. */
  @Idempotent
  Future<String> place(Caller caller);

  /**
   * The image is on the host (pulled if a registry has it); UNPROCESSABLE, naming the image and the
   * host, otherwise. Checked before a workspace is created.
   */
  Future<Void> checkImage(Caller caller, String hostId, String image);

  /**
   * Whether each configured host has the image, without pulling it; hosts that are down, or do not
   * answer in time, are unchecked. Asked while an admin waits for a template to save.
   */
  @Idempotent
  @WaitAtMost(seconds = 5)
  Future<ImageLocation> locateImage(Caller caller, String image);

  /** The workspace's home volume, with the configured size limit where the host can apply it; an existing one is kept. */
  Future<HomeVolume> ensureVolume(Caller caller, WorkspaceOnHost workspace);

  /** The owner's network on the host (one per owner, so owners cannot reach each other); its name. */
  Future<String> ensureNetwork(Caller caller, String hostId, String ownerId);

  /**
   * The workspace's container, created (not started) with its home volume and owner network if
   * those are missing. One made from the same request is kept; one made from another (template
   * version, env, resources…) is replaced, even while it runs, the home volume staying. It runs as
   * the spec's user, else the image's unless that is root, else the configured default user, with
   * the spec's env plus DEVSANCTUM_WORKSPACE_ID, _WORKSPACE_NAME, _OWNER_NAME and _APP_PORT.
   */
  Future<EnsuredContainer> ensureContainer(Caller caller, ContainerRequest request);

  /**
   * Starts the container (a running one is left alone) and answers its status once it runs;
   * NOT_FOUND without a container, UNPROCESSABLE when it exits right away.
   */
  Future<ContainerStatus> start(Caller caller, String hostId, String workspaceId);

  @Idempotent
  Future<ContainerStatus> status(Caller caller, String hostId, String workspaceId);

  /** Stops the container; a stopped or absent one is fine. */
  Future<Void> stop(Caller caller, String hostId, String workspaceId);

  /** Removes container and home volume, and the owner's network once none of the owner's containers is left on the host. */
  Future<Void> remove(Caller caller, WorkspaceOnHost workspace);

  /** Every managed container on every host, for the reconciler; hosts that did not answer are named. */
  @Idempotent
  Future<ContainerInventory> inventory(Caller caller);

  /**
   * Removes a container found without a workspace (an orphan); an absent one is fine.
   * UNPROCESSABLE for a container not labelled as managed on that host.
   */
  Future<Void> removeOrphan(Caller caller, String hostId, String containerId);

  /**
   * A process in the running container (CONFLICT when it does not run; VALIDATION for a request
   * that breaks {@link ProcessRequest}'s rules): the web terminal's shell, an SSH session's shell,
   * command or subsystem. Its output goes to {@code outputAddress} as Buffers, then a
   * {@link TerminalExit}; send Buffers (its input) or {@link TerminalControl}s to the session's
   * input address.
   */
  Future<TerminalSession> openProcess(Caller caller, String hostId, String workspaceId, ProcessRequest request,
      String outputAddress);
}
