package io.devsanctum.routing.infrastructure.proxy.traefik;

import static io.devsanctum.routing.infrastructure.proxy.traefik.TraefikDocumentAssertions.assertRoutersAreConsistent;
import static io.devsanctum.routing.infrastructure.proxy.traefik.TraefikDocumentAssertions.assertValidAgainstSchema;
import static io.devsanctum.routing.infrastructure.proxy.traefik.TraefikDocumentAssertions.isValidAgainstSchema;
import static org.assertj.core.api.Assertions.assertThat;

import io.devsanctum.common.contract.SharingLevel;
import io.devsanctum.common.contract.routing.RouteMapping;
import io.devsanctum.routing.config.TraefikConfig;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The document Traefik polls, checked against Traefik's schema and our own invariants. */
class TraefikDocumentContractTest {

  private static final TraefikConfig PLAIN_HTTP = new TraefikConfig(List.of("web"), false, "letsencrypt",
      "http://gateway:8080/internal/authz", "s3cret", null);
  private static final TraefikConfig WITH_TLS = new TraefikConfig(List.of("websecure"), true, "letsencrypt",
      "http://gateway:8080/internal/authz", "s3cret", null);

  private static final List<RouteMapping> SEVERAL = List.of(
      route("backend--ada.dev.example.com", "http://10.0.0.5:41001", "/"),
      route("jupyter--backend--ada.dev.example.com", "http://10.0.0.5:41002", "/api/status"),
      route("docs--ben.dev.example.com", "https://10.0.0.6:41003", "/healthz"));

  @Test
  void withoutRoutesTheDocumentIsCompleteAndValid() {
    JsonObject http = new TraefikDynamicConfig(PLAIN_HTTP).render(List.of()).getJsonObject("http");

    assertValidAgainstSchema(new JsonObject().put("http", http));
    assertThat(http.getJsonObject("routers")).isEmpty();
    assertThat(http.getJsonObject("services")).isEmpty();
    assertThat(http.getJsonObject("middlewares").fieldNames()).containsExactly("devsanctum-authz");
  }

  @Test
  void severalRoutesOverPlainHttpValidateWithoutTls() {
    JsonObject document = new TraefikDynamicConfig(PLAIN_HTTP).render(SEVERAL);

    assertValidAgainstSchema(document);
    JsonObject routers = document.getJsonObject("http").getJsonObject("routers");
    assertThat(routers).hasSize(3);
    routers.forEach(entry -> {
      JsonObject router = (JsonObject) entry.getValue();
      assertThat(router.containsKey("tls")).as("tls on %s", entry.getKey()).isFalse();
      assertThat(router.getJsonArray("entryPoints").getList()).containsExactly("web");
    });
  }

  @Test
  void severalRoutesWithTlsValidateAndCarryTheCertResolver() {
    JsonObject document = new TraefikDynamicConfig(WITH_TLS).render(SEVERAL);

    assertValidAgainstSchema(document);
    document.getJsonObject("http").getJsonObject("routers").forEach(entry -> {
      JsonObject router = (JsonObject) entry.getValue();
      assertThat(router.getJsonObject("tls")).isEqualTo(new JsonObject().put("certResolver", "letsencrypt"));
      assertThat(router.getJsonArray("entryPoints").getList()).containsExactly("websecure");
    });
  }

  @Test
  void everyRouterMatchesExactlyItsHostAndReferencesAnExistingServiceAndMiddleware() {
    JsonObject http = new TraefikDynamicConfig(PLAIN_HTTP).render(SEVERAL).getJsonObject("http");

    assertRoutersAreConsistent(http);
    assertThat(http.getJsonObject("routers").fieldNames()).containsExactlyInAnyOrder(
        "ws-backend--ada_dev_example_com", "ws-jupyter--backend--ada_dev_example_com", "ws-docs--ben_dev_example_com");
    JsonObject router = http.getJsonObject("routers").getJsonObject("ws-docs--ben_dev_example_com");
    assertThat(router.getString("rule")).isEqualTo("Host(`docs--ben.dev.example.com`)");
    assertThat(router.getInteger("priority")).isPositive();
  }

  @Test
  void servicesForwardTheHostHeaderAndHealthCheckTheAppsPath() {
    JsonObject loadBalancer = new TraefikDynamicConfig(PLAIN_HTTP).render(SEVERAL).getJsonObject("http")
        .getJsonObject("services").getJsonObject("ws-jupyter--backend--ada_dev_example_com").getJsonObject("loadBalancer");

    assertThat(loadBalancer.getJsonArray("servers").getJsonObject(0).getString("url")).isEqualTo("http://10.0.0.5:41002");
    assertThat(loadBalancer.getBoolean("passHostHeader")).isTrue();
    assertThat(loadBalancer.getJsonObject("healthCheck")).isEqualTo(new JsonObject()
        .put("path", "/api/status").put("interval", "10s").put("timeout", "3s"));
  }

  @Test
  void theSharedMiddlewareAsksTheGatewayAndPassesTheIdentityHeadersOn() {
    JsonObject forwardAuth = new TraefikDynamicConfig(PLAIN_HTTP).render(List.of()).getJsonObject("http")
        .getJsonObject("middlewares").getJsonObject("devsanctum-authz").getJsonObject("forwardAuth");

    assertThat(forwardAuth.getString("address")).isEqualTo("http://gateway:8080/internal/authz");
    assertThat(forwardAuth.getBoolean("trustForwardHeader")).isTrue();
    assertThat(forwardAuth.getJsonArray("authResponseHeaders").getList())
        .containsExactly("X-DevSanctum-User-Id", "X-DevSanctum-User-Role", "X-DevSanctum-Username");
  }

  @Test
  void aHostThatIsNotADnsNameNeverReachesARule() {
    List<RouteMapping> routes = List.of(
        route("ok.dev.example.com", "http://10.0.0.5:41001", "/"),
        route("evil`) || Host(`bank.com", "http://10.0.0.5:41002", "/"),
        route("UPPER.dev.example.com", "http://10.0.0.5:41003", "/"));

    JsonObject http = new TraefikDynamicConfig(PLAIN_HTTP).render(routes).getJsonObject("http");

    assertThat(http.getJsonObject("routers").fieldNames()).containsExactly("ws-ok_dev_example_com");
    assertThat(http.getJsonObject("services").fieldNames()).containsExactly("ws-ok_dev_example_com");
  }

  @Test
  void theSchemaCatchesAMisspelledKey() {
    JsonObject document = new TraefikDynamicConfig(PLAIN_HTTP).render(SEVERAL);
    document.getJsonObject("http").getJsonObject("routers").getJsonObject("ws-docs--ben_dev_example_com")
        .put("entrypoints", List.of("web"));

    assertThat(isValidAgainstSchema(document)).isFalse();
  }

  @Test
  void aStoppedWorkspacesInactiveRouteIsLeftOut() {
    RouteMapping running = route("ok.dev.example.com", "http://10.0.0.5:41001", "/");
    RouteMapping stopped = route("stopped.dev.example.com", "http://10.0.0.5:41002", "/");
    stopped = new RouteMapping(stopped.host(), stopped.workspaceId(), stopped.ownerId(), stopped.appName(),
        stopped.appPort(), stopped.upstreamUrl(), stopped.dockerHostId(), stopped.sharing(), stopped.healthPath(),
        true, false, stopped.createdAt(), stopped.updatedAt(), 0);

    JsonObject http = new TraefikDynamicConfig(PLAIN_HTTP).render(List.of(running, stopped)).getJsonObject("http");

    assertThat(http.getJsonObject("routers").fieldNames()).containsExactly("ws-ok_dev_example_com");
    assertThat(http.getJsonObject("services").fieldNames()).containsExactly("ws-ok_dev_example_com");
  }

  private static RouteMapping route(String host, String upstream, String healthPath) {
    return new RouteMapping(host, UUID.randomUUID(), UUID.randomUUID(), "code", 8080, upstream, "local",
        SharingLevel.OWNER, healthPath, true, true, Instant.now(), Instant.now(), 0);
  }
}
