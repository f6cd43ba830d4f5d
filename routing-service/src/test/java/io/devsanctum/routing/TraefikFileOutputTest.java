package io.devsanctum.routing;

import static io.devsanctum.routing.RoutingServiceFixture.app;
import static io.devsanctum.routing.RoutingServiceFixture.registration;
import static io.devsanctum.routing.infrastructure.proxy.traefik.TraefikDocumentAssertions.assertValidAgainstSchema;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** With the Traefik provider and DEVSANCTUM_TRAEFIK_FILE set, the document is also kept in that file. */
@Timeout(60)
class TraefikFileOutputTest {

  @TempDir
  Path directory;

  @Test
  void theFileIsWrittenAtStartAndRewrittenOnEveryChange() throws Exception {
    Path file = directory.resolve("dynamic").resolve("devsanctum.json");
    try (var routing = new RoutingServiceFixture(Map.of("DEVSANCTUM_PROXY_PROVIDER", "traefik",
        "DEVSANCTUM_TRAEFIK_FILE", file.toString()))) {
      assertThat(routerNames(file)).isEmpty();

      UUID workspace = UUID.randomUUID();
      routing.routing.register(RoutingServiceFixture.SERVICE, registration(workspace, "backend", "ada", app("code", 41001, true))).await();
      awaitRouters(file, Set.of("ws-backend--ada_localhost"));

      routing.routing.deregister(RoutingServiceFixture.SERVICE, workspace, false).await();
      awaitRouters(file, Set.of());
      try (var leftovers = Files.list(file.getParent())) {
        assertThat(leftovers).as("temporary files are moved into place, never left behind").containsExactly(file);
      }
    }
  }

  @Test
  void withTheBuiltinProviderNoFileIsWritten() {
    Path file = directory.resolve("devsanctum.json");
    try (var routing = new RoutingServiceFixture(Map.of("DEVSANCTUM_TRAEFIK_FILE", file.toString()))) {
      routing.routing.register(RoutingServiceFixture.SERVICE, registration(UUID.randomUUID(), "backend", "ada", app("code", 41001, true))).await();

      assertThat(file).doesNotExist();
    }
  }

  /** The file's routers once it holds exactly {@code expected}; the provider is updated just after each reply. */
  private static void awaitRouters(Path file, Set<String> expected) throws Exception {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (!routerNames(file).equals(expected) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(routerNames(file)).isEqualTo(expected);
  }

  private static Set<String> routerNames(Path file) throws IOException {
    JsonObject document = new JsonObject(Files.readString(file));
    assertValidAgainstSchema(document);
    return document.getJsonObject("http").getJsonObject("routers").fieldNames();
  }
}
