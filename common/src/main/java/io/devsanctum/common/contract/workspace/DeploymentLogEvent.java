package io.devsanctum.common.contract.workspace;

import io.devsanctum.common.bus.Nullable;

/**
 * What a deployment's live log publishes (at {@link WorkspaceContract#deploymentLogAddress}): a
 * new {@code line}, or, last, the {@code finished} deployment.
 */
public record DeploymentLogEvent(@Nullable DeploymentLogLine line, @Nullable Deployment finished) {

  public static DeploymentLogEvent line(DeploymentLogLine line) {
    return new DeploymentLogEvent(line, null);
  }

  public static DeploymentLogEvent finished(Deployment deployment) {
    return new DeploymentLogEvent(null, deployment);
  }
}
