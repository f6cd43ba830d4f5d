package io.devsanctum.routing;

import io.devsanctum.common.bus.Addresses;
import io.devsanctum.common.config.DevSanctumConfig;
import io.devsanctum.common.runtime.ServiceLauncher;

/** Runs the routing-service alone, as a member of the cluster. */
public final class RoutingServiceMain {

  private RoutingServiceMain() {
  }

  public static void main(String[] args) {
    ServiceLauncher.runOrExit(ServiceLauncher.launchClustered(Addresses.ROUTING, DevSanctumConfig.fromEnvironment(),
        (config, runtime) -> new RoutingVerticle(config, runtime.meterRegistry())));
  }
}
