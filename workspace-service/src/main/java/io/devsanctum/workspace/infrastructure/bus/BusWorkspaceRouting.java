package io.devsanctum.workspace.infrastructure.bus;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.bus.TypedBus;
import io.devsanctum.common.contract.SharingLevel;
import io.devsanctum.common.contract.provisioner.PublishedApp;
import io.devsanctum.common.contract.routing.AppRoute;
import io.devsanctum.common.contract.routing.RouteMapping;
import io.devsanctum.common.contract.routing.RouteRegistration;
import io.devsanctum.common.contract.routing.RoutesRegistered;
import io.devsanctum.common.contract.routing.RoutingContract;
import io.devsanctum.common.contract.workspace.AppPort;
import io.devsanctum.common.contract.workspace.TemplateSpec;
import io.devsanctum.common.contract.workspace.Workspace;
import io.devsanctum.workspace.service.WorkspaceRouting;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** {@link WorkspaceRouting} through routing-service's contract, as workspace-service itself. */
public class BusWorkspaceRouting implements WorkspaceRouting {

  private static final Caller WORKSPACE_SERVICE = Caller.service("workspace");

  private final RoutingContract routing;

  public BusWorkspaceRouting(Vertx vertx) {
    this.routing = TypedBus.serviceClient(vertx, RoutingContract.class, TypedBus.DEFAULT_TIMEOUT);
  }

  @Override
  public Future<String> register(Workspace w, TemplateSpec spec, List<PublishedApp> apps) {
    String defaultApp = spec.defaultApp().map(AppPort::name).orElse(null);
    List<AppRoute> routes = apps.stream().map(app -> new AppRoute(app.name(), app.port(), app.upstreamUrl(),
            app.name().equals(defaultApp), spec.apps().stream().filter(a -> a.name().equals(app.name()))
                .findFirst().map(AppPort::healthPath).orElse("/")))
        .toList();
    return routing.register(WORKSPACE_SERVICE, new RouteRegistration(w.id(), w.ownerId(), w.ownerName(), w.name(),
            w.dockerHostId(), SharingLevel.fromWire(w.sharing()), routes))
        .map(RoutesRegistered::host);
  }

  @Override
  public Future<Void> deregister(UUID workspaceId, boolean purge) {
    return routing.deregister(WORKSPACE_SERVICE, workspaceId, purge).mapEmpty();
  }

  @Override
  public Future<Void> setSharing(UUID workspaceId, SharingLevel sharing) {
    return routing.setSharing(WORKSPACE_SERVICE, workspaceId, sharing).mapEmpty();
  }

  @Override
  public Future<Set<UUID>> routedWorkspaces() {
    // a stopped workspace's routes are kept inactive: they do not route it
    return routing.table(WORKSPACE_SERVICE).map(table -> table.routes().stream()
        .filter(RouteMapping::active)
        .map(RouteMapping::workspaceId)
        .collect(Collectors.toSet()));
  }
}
