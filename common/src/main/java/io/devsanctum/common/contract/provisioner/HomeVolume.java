package io.devsanctum.common.contract.provisioner;

/**
 * A workspace's home volume as its host made it.
 *
 * @param sizeLimit        the limit the engine applies; absent when there is none
 * @param sizeLimitRefused why the configured limit could not be applied (the engine's words); absent otherwise
 */
public record HomeVolume(String name, String sizeLimit, String sizeLimitRefused) {
}
