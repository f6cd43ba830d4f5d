package io.devsanctum.routing.infrastructure.proxy.builtin;

import io.devsanctum.common.contract.routing.RouteMapping;
import io.devsanctum.routing.service.ProxyProvider;
import io.vertx.core.Future;
import java.util.List;

/**
 * The gateway's built-in proxy. It keeps its own copy of the route table from the
 * route-changed events routing-service publishes on every change, whatever the provider, so
 * there is nothing more to push from here.
 */
public class BuiltinProxyProvider implements ProxyProvider {

  @Override
  public Future<Void> apply(List<RouteMapping> routes) {
    return Future.succeededFuture();
  }
}
