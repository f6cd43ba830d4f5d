package io.devsanctum.common.contract.workspace;

import io.devsanctum.common.bus.Nullable;

/** A template to create: its name (part of nothing else, unique), display fields, and version 1's spec. */
public record NewTemplate(String name, @Nullable String displayName, @Nullable String description,
    @Nullable String icon, TemplateSpec spec) {
}
