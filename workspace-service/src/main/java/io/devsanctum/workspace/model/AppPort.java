package io.devsanctum.workspace.model;

/** An HTTP app a workspace serves, e.g. code-server on 8080; one app is the default. */
public record AppPort(String name, int port, boolean isDefault, String healthPath) {
}
