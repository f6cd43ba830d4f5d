package io.devsanctum.routing.controller;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.contract.SharingLevel;
import io.devsanctum.common.contract.routing.RouteMapping;
import io.devsanctum.common.contract.routing.RouteRegistration;
import io.devsanctum.common.contract.routing.RouteTable;
import io.devsanctum.common.contract.routing.RoutesDeregistered;
import io.devsanctum.common.contract.routing.RoutesRegistered;
import io.devsanctum.common.contract.routing.RoutingContract;
import io.devsanctum.routing.service.RouteRegistry;
import io.devsanctum.routing.service.RoutingPolicy;
import io.devsanctum.routing.service.TraefikDocumentService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** routing-service's side of {@link RoutingContract}: the caller checked, then the route table's rules. */
public class RoutingEndpoint implements RoutingContract {

  private final RouteRegistry registry;
  private final TraefikDocumentService traefik;

  public RoutingEndpoint(RouteRegistry registry, TraefikDocumentService traefik) {
    this.registry = registry;
    this.traefik = traefik;
  }

  @Override
  public Future<RoutesRegistered> register(Caller caller, RouteRegistration registration) {
    RoutingPolicy.requireRouteTableChange(caller);
    return registry.register(registration);
  }

  @Override
  public Future<RoutesDeregistered> deregister(Caller caller, UUID workspaceId, boolean purge) {
    RoutingPolicy.requireRouteTableChange(caller);
    return registry.deregister(workspaceId, purge);
  }

  @Override
  public Future<RouteTable> table(Caller caller) {
    RoutingPolicy.requireRouteTableReading(caller);
    return registry.table();
  }

  @Override
  public Future<List<RouteMapping>> routesOf(Caller caller, UUID workspaceId) {
    RoutingPolicy.requireRouteTableReading(caller);
    return registry.routesOf(workspaceId);
  }

  @Override
  public Future<RouteMapping> resolve(Caller caller, String host) {
    RoutingPolicy.requireRouteTableReading(caller);
    return registry.resolve(hostName(host));
  }

  @Override
  public Future<Void> setHealth(Caller caller, String host, boolean healthy) {
    RoutingPolicy.requireRouteTableChange(caller);
    return registry.setHealth(hostName(host), healthy);
  }

  @Override
  public Future<List<RouteMapping>> setSharing(Caller caller, UUID workspaceId, SharingLevel sharing) {
    RoutingPolicy.requireRouteTableChange(caller);
    return registry.setSharing(workspaceId, sharing);
  }

  @Override
  public Future<JsonObject> traefikDocument(String providerSecret) {
    return traefik.document(providerSecret);
  }

  /** Host names are case-insensitive; the table holds them lowercased. */
  private static String hostName(String host) {
    return host.toLowerCase(Locale.ROOT);
  }
}
