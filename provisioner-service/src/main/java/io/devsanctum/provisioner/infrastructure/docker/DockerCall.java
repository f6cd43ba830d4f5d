package io.devsanctum.provisioner.infrastructure.docker;

import java.time.Duration;

/**
 * The Docker calls the provisioner makes, each bounded by how long it may take: seconds for what
 * the engine answers at once (inspect, list, ping), longer only for what waits on something else
 * (a stop's grace period, an image pull). A call past its bound fails naming host and operation,
 * so a host that accepts connections but never answers costs the caller seconds, not minutes.
 */
enum DockerCall {
  PROBE("probe", 5, false),
  LIST("list", 5, false),
  INSPECT("inspect", 5, false),
  ENSURE_VOLUME("ensure-volume", 10, false),
  ENSURE_NETWORK("ensure-network", 10, false),
  ENSURE_CONTAINER("ensure-container", 15, false),
  START("start", 15, false),
  REMOVE_CONTAINER("remove-container", 15, false),
  REMOVE_VOLUME("remove-volume", 10, false),
  REMOVE_NETWORK("remove-network", 10, false),
  /** Its interactive stream stays on the long client. */
  EXEC("exec", 10, true),
  EXEC_INPUT("exec-input", 10, false),
  EXEC_RESIZE("exec-resize", 5, false),
  /** Plus the container's stop grace period. */
  STOP("stop", 15, true),
  /** A pull is given {@link DockerContainerRuntime}'s pull timeout inside this. */
  ENSURE_IMAGE("ensure-image", 30, true);

  /** The socket timeout of the client quick calls use: the longest quick bound. */
  static final Duration QUICK_RESPONSE_TIMEOUT = Duration.ofSeconds(15);
  /** The socket timeout of the client for stops, pulls and the streams of interactive shells. */
  static final Duration LONG_RESPONSE_TIMEOUT = Duration.ofSeconds(45);

  private final String label;
  private final Duration bound;
  private final boolean slow;

  DockerCall(String label, int boundSeconds, boolean slow) {
    this.label = label;
    this.bound = Duration.ofSeconds(boundSeconds);
    this.slow = slow;
  }

  /** The operation's name, as metrics and failures show it. */
  String label() {
    return label;
  }

  Duration bound() {
    return bound;
  }

  /** Whether the call goes through the client with the long socket timeout. */
  boolean slow() {
    return slow;
  }
}
