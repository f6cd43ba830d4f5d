package io.devsanctum.provisioner.model;

/**
 * A home volume as ensure-volume left it.
 *
 * @param sizeLimit        the limit the engine applies; null when there is none
 * @param sizeLimitRefused why a configured limit could not be applied (the engine's words); null otherwise
 */
public record EnsuredVolume(String name, String sizeLimit, String sizeLimitRefused) {
}
