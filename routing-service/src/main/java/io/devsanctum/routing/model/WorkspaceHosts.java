package io.devsanctum.routing.model;

import java.util.Map;

/** The host of every app of a workspace under one slug. */
public record WorkspaceHosts(String slug, Map<String, String> hostByApp) {

  public WorkspaceHosts {
    hostByApp = Map.copyOf(hostByApp);
  }
}
