package io.devsanctum.provisioner.model;

/** What an image on a host says about how it runs. @param user its {@code USER}; empty when it has none */
public record ImageConfig(String user) {
}
