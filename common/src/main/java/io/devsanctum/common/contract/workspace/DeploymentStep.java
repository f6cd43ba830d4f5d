package io.devsanctum.common.contract.workspace;

import com.fasterxml.jackson.annotation.JsonValue;

/** The durable steps of a deployment; each is idempotent, so a resumed deployment repeats at most one. */
public enum DeploymentStep {
  PLACE,
  ENSURE_VOLUME,
  ENSURE_NETWORK,
  ENSURE_CONTAINER,
  START_CONTAINER,
  WAIT_HEALTHY,
  REGISTER_ROUTE,
  DEREGISTER_ROUTE,
  STOP_CONTAINER,
  REMOVE_RESOURCES;

  /** Its name in logs and on the wire: {@code ensure-volume}. */
  @JsonValue
  public String label() {
    return name().toLowerCase().replace('_', '-');
  }
}
