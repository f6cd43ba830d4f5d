package io.devsanctum.standalone;

import io.devsanctum.auth.config.OAuthConfig;
import io.devsanctum.auth.config.SessionConfig;
import io.devsanctum.common.config.ConfigException;
import io.devsanctum.common.config.DevSanctumConfig;
import io.devsanctum.gateway.config.GatewayConfig;
import io.devsanctum.gateway.edge.HttpEdge;
import io.devsanctum.provisioner.config.ProvisionerConfig;
import io.devsanctum.provisioner.config.WorkspaceContainerConfig;
import io.devsanctum.routing.config.RoutingConfig;
import io.devsanctum.workspace.config.WorkspaceConfig;

/**
 * Reads every service's settings the way the services will, so that a mistake in the environment
 * is reported before anything starts (and, by {@code scripts/run-standalone.sh}, before the images
 * are built) rather than when the one service that reads it is deployed.
 */
final class ConfigurationCheck {

  private ConfigurationCheck() {
  }

  /** Throws {@link ConfigException} naming the first variable that is wrong. */
  static void checkEveryService(DevSanctumConfig config) {
    OAuthConfig.from(config.env());
    SessionConfig.from(config.env());
    WorkspaceConfig.from(config.env());
    ProvisionerConfig.from(config.env());
    WorkspaceContainerConfig.from(config.env());
    RoutingConfig.from(config);
    GatewayConfig.from(config.env(), config.http().host());
    HttpEdge.from(config.env());
  }
}
