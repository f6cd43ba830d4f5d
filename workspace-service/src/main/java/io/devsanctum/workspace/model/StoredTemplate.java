package io.devsanctum.workspace.model;

import io.devsanctum.common.contract.workspace.TemplateSchedule;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A template as users pick it; its container details live in its active {@link TemplateVersion},
 * its schedule (for all its workspaces at once) here.
 */
public record StoredTemplate(
    UUID id,
    String name,
    String displayName,
    String description,
    String icon,
    UUID activeVersionId,
    OffsetDateTime archivedAt,
    UUID createdBy,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt,
    TemplateSchedule schedule) {

  public boolean isArchived() {
    return archivedAt != null;
  }
}
