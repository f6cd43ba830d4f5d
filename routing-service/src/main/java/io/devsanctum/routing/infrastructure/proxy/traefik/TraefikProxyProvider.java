package io.devsanctum.routing.infrastructure.proxy.traefik;

import io.devsanctum.common.contract.routing.RouteMapping;
import io.devsanctum.routing.service.ProxyProvider;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Traefik. Its HTTP provider polls the document through the gateway, so nothing is pushed for it;
 * when a file is configured the document is also written there for Traefik's file provider, via a
 * temporary file and an atomic move, so Traefik never reads half a document.
 */
public class TraefikProxyProvider implements ProxyProvider {

  private final Vertx vertx;
  private final TraefikDynamicConfig document;
  private final Path file;

  /** {@code file} may be null: then only the polled document exists. */
  public TraefikProxyProvider(Vertx vertx, TraefikDynamicConfig document, Path file) {
    this.vertx = vertx;
    this.document = document;
    this.file = file;
  }

  @Override
  public Future<Void> apply(List<RouteMapping> routes) {
    if (file == null) {
      return Future.succeededFuture();
    }
    String json = document.render(routes).encodePrettily();
    return vertx.executeBlocking(() -> {
      write(json);
      return null;
    });
  }

  private void write(String json) throws IOException {
    Path target = file.toAbsolutePath();
    Files.createDirectories(target.getParent());
    Path temporary = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
    try {
      Files.writeString(temporary, json, StandardCharsets.UTF_8);
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}
