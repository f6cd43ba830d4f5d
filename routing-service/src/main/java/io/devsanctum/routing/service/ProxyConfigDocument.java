package io.devsanctum.routing.service;

import io.devsanctum.common.contract.routing.RouteMapping;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Renders the complete configuration a proxy polls for, from the complete route table. */
public interface ProxyConfigDocument {

  JsonObject render(List<RouteMapping> routes);
}
