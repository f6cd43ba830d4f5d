package io.devsanctum.common.contract.workspace;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.devsanctum.common.bus.Nullable;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One transition of a workspace (Coder's "build"), numbered per workspace, with its log.
 *
 * @param thenStartVersionId for a stop that is the first half of a restart: the template version
 *                           the start that follows it runs (null otherwise)
 * @param claimedBy          the instance that holds (or last held) the right to drive it, if any
 *                           (both are workspace-service's own bookkeeping, not shown to clients)
 * @param initiator          a person ({@code initiatorId}) or the schedule
 * @param scheduleReason     why the schedule began it (null when a person did)
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
    Initiator initiator,
    @Nullable ScheduleReason scheduleReason,
    @JsonIgnore UUID thenStartVersionId,
    @JsonIgnore String claimedBy) {
}
