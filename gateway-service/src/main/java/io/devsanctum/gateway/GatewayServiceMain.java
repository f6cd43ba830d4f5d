package io.devsanctum.gateway;

import io.devsanctum.common.bus.Addresses;
import io.devsanctum.common.config.DevSanctumConfig;
import io.devsanctum.common.runtime.ServiceLauncher;

/** Runs the gateway alone, as a member of the cluster. */
public final class GatewayServiceMain {

  private GatewayServiceMain() {
  }

  public static void main(String[] args) {
    ServiceLauncher.runOrExit(ServiceLauncher.launchClustered(Addresses.GATEWAY, DevSanctumConfig.fromEnvironment(),
        (config, runtime) -> new GatewayVerticle(config, runtime.meterRegistry())));
  }
}
