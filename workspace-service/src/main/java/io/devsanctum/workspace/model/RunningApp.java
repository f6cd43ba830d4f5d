package io.devsanctum.workspace.model;

/** An app of a started container and where the proxy reaches it. */
public record RunningApp(String name, int port, String upstreamUrl) {
}
