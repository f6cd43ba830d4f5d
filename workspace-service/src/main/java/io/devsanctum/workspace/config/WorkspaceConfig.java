package io.devsanctum.workspace.config;

import io.devsanctum.common.config.ConfigException;
import io.devsanctum.common.config.Env;
import java.time.Duration;

/**
 * workspace-service settings.
 *
 * @param reconcileInterval how often the reconciler compares database, Docker hosts and routes
 * @param deploymentLease   how long a claim on a deployment lasts without renewal (it is renewed every
 *                          fifth of it); after that another instance takes the deployment over. Short
 *                          is safe: only the run holding the claim may advance a deployment, so one
 *                          whose claim was taken over stops without writing
 * @param provisionerTimeout how long a Docker operation may take over the bus (pulls, stops)
 * @param seedTemplates     add the built-in templates when there are none
 * @param scheduleInterval  how often the scheduler looks for workspaces past their inactivity deadline or autostart time
 * @param auditRetention    how long audit records are kept; older ones are removed (the only removal there is)
 */
public record WorkspaceConfig(Duration reconcileInterval, Duration deploymentLease, Duration provisionerTimeout,
    boolean seedTemplates, Duration scheduleInterval, Duration auditRetention) {

  public static WorkspaceConfig from(Env env) {
    return new WorkspaceConfig(
        Duration.ofSeconds(env.integer("DEVSANCTUM_RECONCILE_INTERVAL_SECONDS", 30)),
        Duration.ofSeconds(positive(env, "DEVSANCTUM_DEPLOYMENT_LEASE_SECONDS", 5)),
        Duration.ofSeconds(env.integer("DEVSANCTUM_PROVISIONER_TIMEOUT_SECONDS", 120)),
        env.bool("DEVSANCTUM_SEED_TEMPLATES", true),
        Duration.ofSeconds(positive(env, "DEVSANCTUM_SCHEDULE_INTERVAL_SECONDS", 30)),
        Duration.ofDays(positive(env, "DEVSANCTUM_AUDIT_RETENTION_DAYS", 365)));
  }

  private static int positive(Env env, String name, int defaultValue) {
    int value = env.integer(name, defaultValue);
    if (value <= 0) {
      throw new ConfigException(name + " must be at least 1, got " + value);
    }
    return value;
  }
}
