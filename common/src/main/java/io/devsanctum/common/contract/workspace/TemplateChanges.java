package io.devsanctum.common.contract.workspace;

import io.devsanctum.common.bus.Nullable;

/**
 * An edit of a template: absent fields stay as they are; a spec makes a new version that becomes
 * active; a schedule applies to every workspace of the template at once.
 */
public record TemplateChanges(@Nullable String displayName, @Nullable String description, @Nullable String icon,
    @Nullable TemplateSpec spec, @Nullable TemplateSchedule schedule) {
}
