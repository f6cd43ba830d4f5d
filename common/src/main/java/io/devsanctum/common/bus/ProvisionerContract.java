package io.devsanctum.common.bus;

/**
 * Request/reply addresses served by provisioner-service. Every operation is idempotent and keyed
 * by the immutable workspace id, so the orchestrator can retry any step after a crash.
 *
 * <p>Common request fields: {@code hostId} (the Docker host the workspace lives on),
 * {@code workspaceId}, {@code ownerId}. Failures: NOT_FOUND (unknown host), UNAVAILABLE (host
 * unreachable; the message names it), UNPROCESSABLE (e.g. the image is missing on the host; the
 * message names it), VALIDATION (a missing field, or an id that cannot be part of a Docker name:
 * ids are 1-100 of {@code [A-Za-z0-9_.-]}).
 *
 * <p>Apps in replies: {@code {name, port, default, upstreamUrl?}}; {@code upstreamUrl} is
 * {@code http://<host's publish address>:<published port>}, absent while the container is not running.
 */
public final class ProvisionerContract {

  /**
   * {} → {hosts: [{id, endpoint, publishAddress, healthy, error?, workspaces, cpus, memoryBytes}]},
   * freshly checked; {@code workspaces} counts the running workspace containers on the host.
   */
  public static final String HOSTS_LIST = "provisioner.hosts.list";
  /** {} → {hostId}: the least-loaded healthy host; UNAVAILABLE when none is healthy. */
  public static final String HOSTS_PLACE = "provisioner.hosts.place";

  /**
   * {hostId, image} → {}: the image is on the host (pulled if a registry has it); UNPROCESSABLE,
   * naming the image and host, otherwise. Checked before a workspace is created.
   */
  public static final String IMAGE_CHECK = "provisioner.image.check";
  /**
   * {image} → {present: [hostId], missing: [hostId], unchecked: [hostId]}: whether each configured
   * host has the image, without pulling it; hosts that are down (or do not answer) are unchecked.
   */
  public static final String IMAGE_LOCATE = "provisioner.image.locate";

  /**
   * {hostId, workspaceId, ownerId, templateVersionId} → {volume, sizeLimit?, sizeLimitRefused?}: the
   * home volume, with the configured size limit when the host applies it ({@code sizeLimit}), or
   * without and the engine's reason ({@code sizeLimitRefused}); an existing volume is kept as it is.
   */
  public static final String VOLUME_ENSURE = "provisioner.volume.ensure";
  /** {hostId, ownerId} → {network}: one network per owner, so owners cannot reach each other. */
  public static final String NETWORK_ENSURE = "provisioner.network.ensure";
  /**
   * {hostId, workspaceId, ownerId, ownerName, workspaceName, templateVersionId,
   * spec: {image, user?, entrypoint?: [..], command?: [..], env: {..}, homePath, apps: [{name, port, default}],
   * cpuMillis, memoryMb, pidsLimit}} → {containerId, replaced}. The container runs as {@code user},
   * else as the image's user unless that is root, else as the configured default user. Creates the container if missing (not
   * started), with its home volume and owner network if those are missing too. An existing container
   * made from the same request is kept; a stopped one made from a different request (template
   * version, env, resources...) is replaced ({@code replaced: true}), even if it runs, the home
   * volume staying. The container gets the spec's
   * env plus DEVSANCTUM_WORKSPACE_ID, DEVSANCTUM_WORKSPACE_NAME, DEVSANCTUM_OWNER_NAME and
   * DEVSANCTUM_APP_PORT (the default app's port, else the first app's).
   */
  public static final String CONTAINER_ENSURE = "provisioner.container.ensure";
  /**
   * {hostId, workspaceId} → the CONTAINER_STATUS reply once running (a running container is left
   * alone); NOT_FOUND without a container, UNPROCESSABLE when it exits right away.
   */
  public static final String CONTAINER_START = "provisioner.container.start";
  /**
   * {hostId, workspaceId} → {exists, running, exitCode?, containerId?, apps: [{name, port, default, upstreamUrl?}]}
   */
  public static final String CONTAINER_STATUS = "provisioner.container.status";
  /** {hostId, workspaceId} → {}: stopped (or already stopped / absent). */
  public static final String CONTAINER_STOP = "provisioner.container.stop";
  /**
   * {hostId, workspaceId, ownerId} → {}: container and home volume removed, and the owner's network
   * when no container of that owner is left on the host.
   */
  public static final String WORKSPACE_REMOVE = "provisioner.workspace.remove";
  /**
   * {} → {containers: [{hostId, workspaceId, ownerId, containerId, running, templateVersionId}],
   * unreachableHosts: [hostId]}: every managed container on every host, for the reconciler.
   */
  public static final String CONTAINERS_LIST = "provisioner.containers.list";
  /**
   * {hostId, containerId} → {}: removes a container found without a workspace (an orphan); an
   * absent one is fine. UNPROCESSABLE for a container not labelled as managed on that host.
   */
  public static final String CONTAINER_REMOVE_ORPHAN = "provisioner.container.remove-orphan";

  /**
   * {hostId, workspaceId, cols, rows, outputAddress} → {sessionId, inputAddress}: an interactive
   * shell with a TTY in the running container. Its output is sent to {@code outputAddress} as
   * Buffers, then {type: "exit", code?} when it ends. Send Buffers (keystrokes),
   * {type: "resize", cols, rows} or {type: "close"} to {@code inputAddress}.
   */
  public static final String TERMINAL_OPEN = "provisioner.terminal.open";

  private ProvisionerContract() {
  }
}
