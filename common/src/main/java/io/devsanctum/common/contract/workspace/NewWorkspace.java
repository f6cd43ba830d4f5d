package io.devsanctum.common.contract.workspace;

import java.util.Map;
import java.util.UUID;

/**
 * A workspace to create from a template's active version, with values for its parameters (numbers
 * and booleans as their text); absent parameters take their defaults.
 */
public record NewWorkspace(UUID templateId, String name, Map<String, String> parameters) {
}
