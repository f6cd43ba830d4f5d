package io.devsanctum.routing.config;

import java.nio.file.Path;
import java.util.List;

/**
 * How the Traefik dynamic configuration is built and delivered.
 *
 * @param entryPoints    entry points every workspace router listens on
 * @param tls            whether routers terminate TLS with {@code certResolver}
 * @param authzUrl       the gateway's forwardAuth endpoint, as Traefik reaches it
 * @param providerSecret shared secret Traefik's HTTP provider presents; null refuses every request
 * @param file           where to also write the document for Traefik's file provider; null: not written
 */
public record TraefikConfig(
    List<String> entryPoints,
    boolean tls,
    String certResolver,
    String authzUrl,
    String providerSecret,
    Path file) {

  public TraefikConfig {
    entryPoints = List.copyOf(entryPoints);
  }

  @Override
  public String toString() {
    return "TraefikConfig[entryPoints=" + entryPoints + ", tls=" + tls + ", certResolver=" + certResolver
        + ", authzUrl=" + authzUrl + ", providerSecret=" + (providerSecret == null ? "unset" : "***")
        + ", file=" + file + "]";
  }
}
