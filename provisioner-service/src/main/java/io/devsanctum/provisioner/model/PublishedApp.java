package io.devsanctum.provisioner.model;

/** An app of a workspace and where the proxy reaches it; {@code upstreamUrl} is null while not published. */
public record PublishedApp(String name, int port, boolean isDefault, String upstreamUrl) {
}
