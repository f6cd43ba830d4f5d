package io.devsanctum.common.contract.routing;

import io.devsanctum.common.contract.SharingLevel;
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
    List<AppRoute> apps) {

  public AppRoute defaultApp() {
    return apps.stream().filter(AppRoute::isDefault).findFirst().orElseThrow();
  }
}
