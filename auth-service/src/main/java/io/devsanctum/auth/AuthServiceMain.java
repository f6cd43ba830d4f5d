package io.devsanctum.auth;

import io.devsanctum.common.bus.Addresses;
import io.devsanctum.common.config.DevSanctumConfig;
import io.devsanctum.common.runtime.ServiceLauncher;

/** Runs the auth-service alone, as a member of the cluster. */
public final class AuthServiceMain {

  private AuthServiceMain() {
  }

  public static void main(String[] args) {
    ServiceLauncher.runOrExit(ServiceLauncher.launchClustered(Addresses.AUTH, DevSanctumConfig.fromEnvironment(),
        (config, runtime) -> new AuthVerticle(config, runtime.meterRegistry())));
  }
}
