package io.devsanctum.common.contract.routing;

import java.util.List;

/** The workspace's routes after registering, and the default app's host. */
public record RoutesRegistered(List<RouteMapping> routes, String host) {
}
