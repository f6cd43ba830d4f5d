package io.devsanctum.workspace.config;

import io.devsanctum.common.config.Env;
import java.time.Duration;

/**
 * workspace-service settings.
 *
 * @param reconcileInterval how often the reconciler compares database, Docker hosts and routes
 * @param deploymentLease   how long a claim on a deployment lasts without renewal; after that another
 *                          instance (or this one after a restart) resumes the deployment
 * @param provisionerTimeout how long a Docker operation may take over the bus (pulls, stops)
 * @param seedTemplates     add the built-in templates when there are none
 */
public record WorkspaceConfig(Duration reconcileInterval, Duration deploymentLease, Duration provisionerTimeout,
    boolean seedTemplates) {

  public static WorkspaceConfig from(Env env) {
    return new WorkspaceConfig(
        Duration.ofSeconds(env.integer("DEVSANCTUM_RECONCILE_INTERVAL_SECONDS", 30)),
        Duration.ofSeconds(env.integer("DEVSANCTUM_DEPLOYMENT_LEASE_SECONDS", 30)),
        Duration.ofSeconds(env.integer("DEVSANCTUM_PROVISIONER_TIMEOUT_SECONDS", 120)),
        env.bool("DEVSANCTUM_SEED_TEMPLATES", true));
  }
}
