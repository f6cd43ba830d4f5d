package io.devsanctum.common.contract.workspace;

import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A user's development environment: one container with a persistent home on one Docker host.
 *
 * @param lastUsedAt when someone last used it (its apps, its terminal), to the minute; null: never
 * @param schedule   what its owner chose for autostop and autostart
 * @param stopsAt    when it stops for inactivity unless it is used before (running, with a timeout); else null
 * @param nextAutostartAt when it starts on its own next (an autostart its template allows); else null
 * @param dormantAt  since when it is dormant (stopped and unused for long: hidden, cannot start until woken); else null
 * @param deletesAt  when the schedule deletes it (dormant, or failed, for its template's ages); else null
 */
public record Workspace(
    UUID id,
    UUID ownerId,
    String ownerName,
    String name,
    UUID templateId,
    UUID templateVersionId,
    Map<String, String> parameters,
    WorkspaceState state,
    String failureReason,
    String dockerHostId,
    String sharing,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt,
    OffsetDateTime lastUsedAt,
    WorkspaceSchedule schedule,
    OffsetDateTime stopsAt,
    OffsetDateTime nextAutostartAt,
    OffsetDateTime dormantAt,
    OffsetDateTime deletesAt) {

  public Workspace {
    // as its JSON reads: an absent map is empty; and no holder of the record can change it
    parameters = parameters == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
  }

  public Workspace withState(WorkspaceState newState, String newFailureReason) {
    return new Workspace(id, ownerId, ownerName, name, templateId, templateVersionId, parameters, newState,
        newFailureReason, dockerHostId, sharing, createdAt, OffsetDateTime.now(), lastUsedAt, schedule, null,
        nextAutostartAt, dormantAt, null);
  }
}
