package io.devsanctum.routing.model;

import io.devsanctum.common.bus.SharingLevel;
import java.util.List;
import java.util.UUID;

/** A request to route a workspace's apps; the names only feed the host names. */
public record RouteRegistration(
    UUID workspaceId,
    UUID ownerId,
    String ownerName,
    String workspaceName,
    String dockerHostId,
    SharingLevel sharing,
    List<AppSpec> apps) {

  public AppSpec defaultApp() {
    return apps.stream().filter(AppSpec::isDefault).findFirst().orElseThrow();
  }
}
