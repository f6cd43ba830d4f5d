package io.devsanctum.common.contract.workspace;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An HTTP app a workspace serves, e.g. code-server on 8080; one app is the default.
 *
 * @param isDefault  the app at the workspace's own URL ({@code default} on the wire)
 * @param healthPath what is probed before the workspace counts as running; "/" when none is given
 */
public record AppPort(String name, int port, @JsonProperty("default") boolean isDefault, String healthPath) {

  public AppPort {
    healthPath = healthPath == null ? "/" : healthPath;
  }
}
