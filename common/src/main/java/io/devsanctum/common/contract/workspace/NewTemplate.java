package io.devsanctum.common.contract.workspace;

import io.devsanctum.common.bus.Nullable;

/**
 * A template to create: its name (part of nothing else, unique), display fields, version 1's spec,
 * and its schedule (absent: the defaults).
 */
public record NewTemplate(String name, @Nullable String displayName, @Nullable String description,
    @Nullable String icon, TemplateSpec spec, @Nullable TemplateSchedule schedule) {
}
