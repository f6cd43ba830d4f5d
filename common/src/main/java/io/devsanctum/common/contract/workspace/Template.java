package io.devsanctum.common.contract.workspace;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.devsanctum.common.bus.Nullable;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A template as users see it: with its active version (absent when that version cannot be read),
 * and, in the answer to the admin who saved it, what they should know ({@code warnings}).
 */
public record Template(
    UUID id,
    String name,
    String displayName,
    String description,
    String icon,
    boolean archived,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt,
    @Nullable TemplateVersion activeVersion,
    TemplateSchedule schedule,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<TemplateWarning> warnings) {

  public Template {
    warnings = List.copyOf(warnings);
  }

  public Template withWarnings(List<TemplateWarning> more) {
    return new Template(id, name, displayName, description, icon, archived, createdAt, updatedAt, activeVersion,
        schedule, more);
  }
}
