package io.devsanctum.routing.service;

import io.devsanctum.common.contract.routing.RouteMapping;
import io.vertx.core.Future;
import java.util.List;

/**
 * The data plane that routing-service keeps in line with the route table
 * ({@code DEVSANCTUM_PROXY_PROVIDER}). Called with the complete table at start-up and after every
 * change, one call at a time, so an implementation may simply replace what it had.
 */
public interface ProxyProvider {

  Future<Void> apply(List<RouteMapping> routes);
}
