package io.devsanctum.common.contract.provisioner;

/** A port in the container that users open in the browser; the default one is the workspace's own URL. */
public record ContainerApp(String name, int port, boolean isDefault) {
}
