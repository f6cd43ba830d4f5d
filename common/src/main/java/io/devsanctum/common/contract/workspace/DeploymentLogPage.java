package io.devsanctum.common.contract.workspace;

import java.util.List;

/** A deployment and the lines of its log after the one asked for. */
public record DeploymentLogPage(Deployment deployment, List<DeploymentLogLine> lines) {
}
