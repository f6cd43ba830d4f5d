package io.devsanctum.common.contract.workspace;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One immutable revision of a template; every edit makes a new one and workspaces pin theirs. */
public record TemplateVersion(
    UUID id, UUID templateId, int version, TemplateSpec spec, UUID createdBy, OffsetDateTime createdAt) {
}
