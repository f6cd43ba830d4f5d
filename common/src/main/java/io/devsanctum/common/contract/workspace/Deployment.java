package io.devsanctum.common.contract.workspace;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One transition of a workspace (Coder's "build"), numbered per workspace, with its log.
 *
 * @param thenStartVersionId for a stop that is the first half of a restart: the template version
 *                           the start that follows it runs (null otherwise)
 * @param claimedBy          the instance that holds (or last held) the right to drive it, if any
 *                           (both are workspace-service's own bookkeeping, not shown to clients)
 */
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
    OffsetDateTime finishedAt,
    @JsonIgnore UUID thenStartVersionId,
    @JsonIgnore String claimedBy) {
}
