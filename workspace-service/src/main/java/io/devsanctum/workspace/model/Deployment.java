package io.devsanctum.workspace.model;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One transition of a workspace (Coder's "build"), numbered per workspace, with its log. */
public record Deployment(
    UUID workspaceId,
    int number,
    Transition transition,
    UUID templateVersionId,
    UUID initiatorId,
    DeploymentStatus status,
    DeploymentStep step,
    String failureReason,
    OffsetDateTime createdAt,
    OffsetDateTime startedAt,
    OffsetDateTime finishedAt) {
}
