package io.devsanctum.provisioner.model;

/** A port inside the workspace that users open in the browser; the default one is the workspace URL. */
public record AppSpec(String name, int port, boolean isDefault) {
}
