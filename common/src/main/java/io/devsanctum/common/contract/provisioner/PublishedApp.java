package io.devsanctum.common.contract.provisioner;

/**
 * An app of a workspace container and where the proxy reaches it.
 *
 * @param upstreamUrl {@code http://<host's publish address>:<published port>}; absent while the container is not running
 */
public record PublishedApp(String name, int port, boolean isDefault, String upstreamUrl) {
}
