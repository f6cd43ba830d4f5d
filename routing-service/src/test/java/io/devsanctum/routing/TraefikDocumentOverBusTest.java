package io.devsanctum.routing;

import static io.devsanctum.routing.RoutingServiceFixture.app;
import static io.devsanctum.routing.RoutingServiceFixture.registration;
import static io.devsanctum.routing.infrastructure.proxy.traefik.TraefikDocumentAssertions.assertRoutersAreConsistent;
import static io.devsanctum.routing.infrastructure.proxy.traefik.TraefikDocumentAssertions.assertValidAgainstSchema;
import static org.assertj.core.api.Assertions.assertThat;

import io.devsanctum.common.bus.ErrorCode;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class TraefikDocumentOverBusTest {

  private static final String SECRET = "a-long-shared-secret";

  @Test
  void theDocumentFollowsRegisterAndDeregisterAndStaysValid() {
    try (var routing = new RoutingServiceFixture(Map.of("DEVSANCTUM_BASE_DOMAIN", "dev.example.com",
        "DEVSANCTUM_TRAEFIK_PROVIDER_SECRET", SECRET))) {
      JsonObject empty = document(routing);
      assertThat(routers(empty)).isEmpty();

      UUID workspace = UUID.randomUUID();
      routing.routing.register(RoutingServiceFixture.SERVICE, registration(workspace, "backend", "ada", app("code", 41001, true), app("jupyter", 41002, false))).await();
      JsonObject registered = document(routing);
      assertThat(routers(registered).fieldNames())
          .containsExactlyInAnyOrder("ws-backend--ada_dev_example_com", "ws-jupyter--backend--ada_dev_example_com");
      assertThat(routers(registered).getJsonObject("ws-backend--ada_dev_example_com").containsKey("tls")).isFalse();

      routing.routing.deregister(RoutingServiceFixture.SERVICE, workspace, false).await();
      assertThat(document(routing)).isEqualTo(empty);
    }
  }

  @Test
  void withTlsConfiguredRoutersTerminateTlsOnTheSecureEntryPoint() {
    try (var routing = new RoutingServiceFixture(Map.of("DEVSANCTUM_TRAEFIK_PROVIDER_SECRET", SECRET,
        "DEVSANCTUM_TRAEFIK_TLS", "true", "DEVSANCTUM_TRAEFIK_CERT_RESOLVER", "internal-ca"))) {
      routing.routing.register(RoutingServiceFixture.SERVICE, registration(UUID.randomUUID(), "backend", "ada", app("code", 41001, true))).await();

      JsonObject router = routers(document(routing)).getJsonObject("ws-backend--ada_localhost");
      assertThat(router.getJsonObject("tls").getString("certResolver")).isEqualTo("internal-ca");
      assertThat(router.getJsonArray("entryPoints").getList()).containsExactly("websecure");
    }
  }

  @Test
  void aWrongOrMissingSecretIsUnauthenticated() {
    try (var routing = new RoutingServiceFixture(Map.of("DEVSANCTUM_TRAEFIK_PROVIDER_SECRET", SECRET))) {
      assertThat(RoutingServiceFixture.failureOf(routing.routing.traefikDocument("guess")))
          .isEqualTo(ErrorCode.UNAUTHENTICATED);
      assertThat(RoutingServiceFixture.failureOf(routing.routing.traefikDocument(SECRET + "x"))).isEqualTo(ErrorCode.UNAUTHENTICATED);
      assertThat(RoutingServiceFixture.failureOf(routing.routing.traefikDocument(null)))
          .isEqualTo(ErrorCode.UNAUTHENTICATED);
    }
  }

  @Test
  void withoutAConfiguredSecretTheDocumentIsRefusedToEveryone() {
    try (var routing = new RoutingServiceFixture(Map.of())) {
      assertThat(RoutingServiceFixture.failureOf(routing.routing.traefikDocument("")))
          .isEqualTo(ErrorCode.UNAUTHENTICATED);
      assertThat(RoutingServiceFixture.failureOf(routing.routing.traefikDocument(null)))
          .isEqualTo(ErrorCode.UNAUTHENTICATED);
    }
  }

  private static JsonObject document(RoutingServiceFixture routing) {
    JsonObject document = routing.routing.traefikDocument(SECRET).await();
    assertValidAgainstSchema(document);
    assertRoutersAreConsistent(document.getJsonObject("http"));
    return document;
  }

  private static JsonObject routers(JsonObject document) {
    return document.getJsonObject("http").getJsonObject("routers");
  }
}
