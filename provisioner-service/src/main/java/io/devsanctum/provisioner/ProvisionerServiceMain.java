package io.devsanctum.provisioner;

import io.devsanctum.common.bus.Addresses;
import io.devsanctum.common.config.DevSanctumConfig;
import io.devsanctum.common.runtime.ServiceLauncher;

/** Runs the provisioner-service alone, as a member of the cluster. */
public final class ProvisionerServiceMain {

  private ProvisionerServiceMain() {
  }

  public static void main(String[] args) {
    ServiceLauncher.runOrExit(ServiceLauncher.launchClustered(Addresses.PROVISIONER, DevSanctumConfig.fromEnvironment(),
        (config, runtime) -> new ProvisionerVerticle(config, runtime.meterRegistry())));
  }
}
