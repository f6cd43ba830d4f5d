package io.devsanctum.routing.infrastructure.proxy.caddy;

import static org.assertj.core.api.Assertions.assertThat;

import io.devsanctum.common.contract.SharingLevel;
import io.devsanctum.common.contract.routing.RouteMapping;
import io.devsanctum.routing.config.CaddyConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The routes pushed to Caddy; that Caddy takes and serves them is CaddyDataPlaneTest's part. */
class CaddyRoutesTest {

  private static final CaddyConfig CONFIG = new CaddyConfig(URI.create("http://127.0.0.1:2019"), "devsanctum",
      List.of(URI.create("http://gw-1:8080/internal/authz"), URI.create("http://gw-2:8080/internal/authz")),
      Duration.ofSeconds(10));

  @Test
  void eachActiveRouteIsOneRouteAddressedByItsIdMatchingExactlyItsHostInHostOrder() {
    List<JsonObject> routes = new CaddyRoutes(CONFIG).render(List.of(
        route("web--ben.dev.example.com", "http://10.0.0.6:41003", true),
        route("web--ada.dev.example.com", "http://10.0.0.5:41001", true),
        route("stopped--ada.dev.example.com", "http://10.0.0.5:41002", false)));

    assertThat(routes).extracting(route -> route.getString("@id"))
        .containsExactly("devsanctum-route-web--ada.dev.example.com", "devsanctum-route-web--ben.dev.example.com");
    assertThat(routes.get(0).getJsonArray("match")).isEqualTo(new JsonArray()
        .add(new JsonObject().put("host", new JsonArray().add("web--ada.dev.example.com"))));
    assertThat(routes.get(0).getBoolean("terminal")).isTrue();
    assertThat(routes).allMatch(CaddyRoutes::isOurs);
    assertThat(CaddyRoutes.isOurs(new JsonObject().put("@id", "dashboard"))).isFalse();
    assertThat(CaddyRoutes.isOurs(new JsonObject())).isFalse();
  }

  @Test
  void theGatewayDecidesFirstThenTheUpstreamGetsTheRequestWithoutOurCredentials() {
    JsonArray handle = new CaddyRoutes(CONFIG).render(List.of(route("web--ada.dev.example.com",
        "http://10.0.0.5:41001", true))).get(0).getJsonArray("handle");

    JsonObject authz = handle.getJsonObject(0);
    assertThat(authz.getString("handler")).isEqualTo("reverse_proxy");
    assertThat(authz.getJsonArray("upstreams")).isEqualTo(new JsonArray()
        .add(new JsonObject().put("dial", "gw-1:8080")).add(new JsonObject().put("dial", "gw-2:8080")));
    assertThat(authz.getJsonObject("rewrite")).isEqualTo(new JsonObject().put("method", "GET")
        .put("uri", "/internal/authz?"));
    JsonObject sent = authz.getJsonObject("headers").getJsonObject("request").getJsonObject("set");
    assertThat(sent.getJsonArray("X-Forwarded-Uri").getString(0)).isEqualTo("{http.request.uri}");
    assertThat(sent.getJsonArray("Host").getString(0)).isEqualTo("{http.reverse_proxy.upstream.hostport}");
    JsonObject onSuccess = authz.getJsonArray("handle_response").getJsonObject(0);
    assertThat(onSuccess.getJsonObject("match").getJsonArray("status_code").getList()).containsExactly(2);
    JsonObject copied = onSuccess.getJsonArray("routes").getJsonObject(0).getJsonArray("handle").getJsonObject(0)
        .getJsonObject("request").getJsonObject("set");
    assertThat(copied.fieldNames()).containsExactlyInAnyOrder(
        "X-Devsanctum-User-Id", "X-Devsanctum-User-Role", "X-Devsanctum-Username");
    assertThat(copied.getJsonArray("X-Devsanctum-User-Id").getString(0))
        .isEqualTo("{http.reverse_proxy.header.X-Devsanctum-User-Id}");

    JsonObject upstream = handle.getJsonObject(1);
    assertThat(upstream.getJsonArray("upstreams")).isEqualTo(new JsonArray()
        .add(new JsonObject().put("dial", "10.0.0.5:41001")));
    assertThat(upstream.containsKey("transport")).isFalse();
    JsonObject request = upstream.getJsonObject("headers").getJsonObject("request");
    assertThat(request.getJsonArray("delete").getList()).containsExactly("Authorization");
    assertThat(request.getJsonObject("replace").getJsonArray("Cookie")).hasSize(2);
  }

  @Test
  void anHttpsUpstreamIsDialledWithTlsOnItsPortOrTheDefaultOne() {
    List<JsonObject> routes = new CaddyRoutes(CONFIG).render(List.of(
        route("a--ada.dev.example.com", "https://10.0.0.5:41001", true),
        route("b--ada.dev.example.com", "https://10.0.0.5", true)));

    JsonObject first = routes.get(0).getJsonArray("handle").getJsonObject(1);
    assertThat(first.getJsonArray("upstreams").getJsonObject(0).getString("dial")).isEqualTo("10.0.0.5:41001");
    assertThat(first.getJsonObject("transport")).isEqualTo(new JsonObject().put("protocol", "http")
        .put("tls", new JsonObject()));
    assertThat(routes.get(1).getJsonArray("handle").getJsonObject(1).getJsonArray("upstreams").getJsonObject(0)
        .getString("dial")).isEqualTo("10.0.0.5:443");
  }

  @Test
  void aHostThatIsNotADnsNameNeverReachesCaddy() {
    assertThat(new CaddyRoutes(CONFIG).render(List.of(route("evil\"}]--ada.dev.example.com", "http://10.0.0.5:1", true),
        route("UPPER.dev.example.com", "http://10.0.0.5:1", true)))).isEmpty();
  }

  private static RouteMapping route(String host, String upstream, boolean active) {
    Instant now = Instant.now();
    return new RouteMapping(host, UUID.randomUUID(), UUID.randomUUID(), "web", 8080, upstream, "local",
        SharingLevel.OWNER, "/", true, active, now, now, 1);
  }
}
