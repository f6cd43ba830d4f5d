package io.devsanctum.workspace.model;

/**
 * A workspace's home volume as its Docker host made it.
 *
 * @param sizeLimit        the limit in force; null when there is none
 * @param sizeLimitRefused why the configured limit is not in force (the host's storage cannot); null otherwise
 */
public record HomeVolume(String sizeLimit, String sizeLimitRefused) {
}
