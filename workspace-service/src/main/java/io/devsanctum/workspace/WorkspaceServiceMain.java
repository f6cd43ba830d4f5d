package io.devsanctum.workspace;

import io.devsanctum.common.bus.Addresses;
import io.devsanctum.common.config.DevSanctumConfig;
import io.devsanctum.common.runtime.ServiceLauncher;

/** Runs the workspace-service alone, as a member of the cluster. */
public final class WorkspaceServiceMain {

  private WorkspaceServiceMain() {
  }

  public static void main(String[] args) {
    ServiceLauncher.runOrExit(ServiceLauncher.launchClustered(Addresses.WORKSPACE, DevSanctumConfig.fromEnvironment(),
        (config, runtime) -> new WorkspaceVerticle(config, runtime.meterRegistry())));
  }
}
