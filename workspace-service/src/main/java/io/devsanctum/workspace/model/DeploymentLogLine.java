package io.devsanctum.workspace.model;

import java.time.OffsetDateTime;
import java.util.UUID;

public record DeploymentLogLine(
    UUID workspaceId, int deploymentNumber, int lineNumber, OffsetDateTime loggedAt, String level,
    DeploymentStep step, String message) {
}
