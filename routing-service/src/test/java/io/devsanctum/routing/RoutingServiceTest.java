package io.devsanctum.routing;

import static io.devsanctum.routing.RoutingServiceFixture.app;
import static io.devsanctum.routing.RoutingServiceFixture.registration;
import static org.assertj.core.api.Assertions.assertThat;

import io.devsanctum.common.bus.ErrorCode;
import io.devsanctum.common.bus.RouteChangedEvent;
import io.devsanctum.common.bus.RouteChangedEvent.Change;
import io.devsanctum.common.bus.RouteMapping;
import io.devsanctum.common.bus.RoutingContract;
import io.devsanctum.routing.model.HostName;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class RoutingServiceTest {

  private final RoutingServiceFixture routing = new RoutingServiceFixture(Map.of(
      "DEVSANCTUM_BASE_DOMAIN", "dev.example.com"));

  @AfterEach
  void stop() {
    routing.close();
  }

  @Test
  void registeringTwiceKeepsTheHostsUpdatesUpstreamsAndKeepsOneRowPerApp() {
    UUID workspace = UUID.randomUUID();
    JsonObject first = routing.request(RoutingContract.REGISTER,
        registration(workspace, "Backend", "ada", app("code", 41001, true), app("jupyter", 41002, false)));
    JsonObject second = routing.request(RoutingContract.REGISTER,
        registration(workspace, "Backend", "ada", app("code", 42001, true), app("jupyter", 42002, false)));

    assertThat(first.getString("host")).isEqualTo("backend--ada.dev.example.com");
    assertThat(second.getString("host")).isEqualTo(first.getString("host"));
    assertThat(hosts(second)).isEqualTo(hosts(first))
        .containsExactlyInAnyOrder("backend--ada.dev.example.com", "jupyter--backend--ada.dev.example.com");
    List<RouteMapping> stored = routes(list(workspace));
    assertThat(stored).hasSize(2);
    assertThat(stored).extracting(RouteMapping::upstreamUrl)
        .containsExactlyInAnyOrder("http://127.0.0.1:42001", "http://127.0.0.1:42002");
  }

  @Test
  void reRegisteringWithoutAnAppRemovesItsRoute() throws InterruptedException {
    UUID workspace = UUID.randomUUID();
    routing.request(RoutingContract.REGISTER,
        registration(workspace, "backend", "ada", app("code", 41001, true), app("jupyter", 41002, false)));
    routing.nextEvent();

    routing.request(RoutingContract.REGISTER, registration(workspace, "backend", "ada", app("code", 41001, true)));

    assertThat(routes(list(workspace))).extracting(RouteMapping::appName).containsExactly("code");
    RouteChangedEvent removed = routing.nextEvent();
    assertThat(removed.change()).isEqualTo(Change.REMOVED);
    assertThat(removed.routes()).extracting(RouteMapping::host).containsExactly("jupyter--backend--ada.dev.example.com");
  }

  @Test
  void deregisteringKeepsTheRoutesInactiveAndRepeatingItChangesNothing() throws InterruptedException {
    UUID workspace = UUID.randomUUID();
    routing.request(RoutingContract.REGISTER,
        registration(workspace, "backend", "ada", app("code", 41001, true), app("jupyter", 41002, false)));
    routing.nextEvent();
    JsonObject workspaceOnly = new JsonObject().put("workspaceId", workspace.toString());

    JsonObject first = routing.request(RoutingContract.DEREGISTER, workspaceOnly);
    assertThat(first.getInteger("deactivated")).isEqualTo(2);
    assertThat(first.getInteger("removed")).isZero();
    assertThat(routing.request(RoutingContract.DEREGISTER, workspaceOnly).getInteger("deactivated")).isZero();

    assertThat(routes(list(workspace))).hasSize(2).noneMatch(RouteMapping::active);
    assertThat(routing.request(RoutingContract.RESOLVE, new JsonObject().put("host", "backend--ada.dev.example.com"))
        .getBoolean("active")).isFalse();
    RouteChangedEvent deactivated = routing.nextEvent();
    assertThat(deactivated.change()).isEqualTo(Change.DEACTIVATED);
    assertThat(deactivated.routes()).hasSize(2).noneMatch(RouteMapping::active);
  }

  @Test
  void aStoppedWorkspaceKeepsItsHostsAgainstOthersAndGetsThemBackActiveAndHealthy() throws InterruptedException {
    UUID workspace = UUID.randomUUID();
    routing.request(RoutingContract.REGISTER, registration(workspace, "backend", "ada", app("code", 41001, true)));
    routing.request(RoutingContract.SET_HEALTH,
        new JsonObject().put("host", "backend--ada.dev.example.com").put("healthy", false));
    routing.request(RoutingContract.DEREGISTER, new JsonObject().put("workspaceId", workspace.toString()));

    JsonObject other = routing.request(RoutingContract.REGISTER,
        registration(UUID.randomUUID(), "backend", "ada", app("code", 41002, true)));
    assertThat(other.getString("host")).isNotEqualTo("backend--ada.dev.example.com");

    JsonObject again = routing.request(RoutingContract.REGISTER,
        registration(workspace, "backend", "ada", app("code", 43001, true)).put("sharing", "public"));
    assertThat(again.getString("host")).isEqualTo("backend--ada.dev.example.com");
    RouteMapping route = routes(again).get(0);
    assertThat(route.active()).isTrue();
    assertThat(route.healthy()).as("a new container starts out healthy").isTrue();
    assertThat(route.sharing().wireName()).isEqualTo("public");
    assertThat(route.upstreamUrl()).isEqualTo("http://127.0.0.1:43001");
  }

  @Test
  void purgingRemovesEveryRouteAndFreesTheHosts() throws InterruptedException {
    UUID workspace = UUID.randomUUID();
    routing.request(RoutingContract.REGISTER,
        registration(workspace, "backend", "ada", app("code", 41001, true), app("jupyter", 41002, false)));
    routing.request(RoutingContract.DEREGISTER, new JsonObject().put("workspaceId", workspace.toString()));
    JsonObject purge = new JsonObject().put("workspaceId", workspace.toString()).put("purge", true);

    assertThat(routing.request(RoutingContract.DEREGISTER, purge).getInteger("removed")).isEqualTo(2);
    assertThat(routing.request(RoutingContract.DEREGISTER, purge).getInteger("removed")).isZero();
    assertThat(routes(list(workspace))).isEmpty();
    assertThat(routing.failureOf(RoutingContract.RESOLVE, new JsonObject().put("host", "backend--ada.dev.example.com")))
        .isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(routing.failureOf(RoutingContract.DEREGISTER, purge.copy().put("purge", "yes")))
        .isEqualTo(ErrorCode.VALIDATION);
    assertThat(routing.request(RoutingContract.REGISTER,
        registration(UUID.randomUUID(), "backend", "ada", app("code", 41003, true))).getString("host"))
        .isEqualTo("backend--ada.dev.example.com");
  }

  @Test
  void everyChangeIsPublishedWithTheRoutesItConcernsAndWhenItWasPublished() throws InterruptedException {
    UUID workspace = UUID.randomUUID();
    Instant before = Instant.now().minusMillis(1);
    routing.request(RoutingContract.REGISTER, registration(workspace, "backend", "ada", app("code", 41001, true)));

    RouteChangedEvent registered = routing.nextEvent();
    assertThat(registered.change()).isEqualTo(Change.REGISTERED);
    assertThat(registered.workspaceId()).isEqualTo(workspace);
    assertThat(registered.routes()).extracting(RouteMapping::host).containsExactly("backend--ada.dev.example.com");
    assertThat(registered.at()).isAfter(before).isBeforeOrEqualTo(Instant.now());

    routing.request(RoutingContract.SET_HEALTH,
        new JsonObject().put("host", "backend--ada.dev.example.com").put("healthy", false));
    RouteChangedEvent health = routing.nextEvent();
    assertThat(health.change()).isEqualTo(Change.HEALTH);
    assertThat(health.routes()).singleElement().satisfies(route -> assertThat(route.healthy()).isFalse());

    routing.request(RoutingContract.DEREGISTER, new JsonObject().put("workspaceId", workspace.toString()));
    RouteChangedEvent deactivated = routing.nextEvent();
    assertThat(deactivated.change()).isEqualTo(Change.DEACTIVATED);
    assertThat(deactivated.routes()).extracting(RouteMapping::host).containsExactly("backend--ada.dev.example.com");

    routing.request(RoutingContract.DEREGISTER, new JsonObject().put("workspaceId", workspace.toString()).put("purge", true));
    RouteChangedEvent removed = routing.nextEvent();
    assertThat(removed.change()).isEqualTo(Change.REMOVED);
    assertThat(removed.routes()).extracting(RouteMapping::host).containsExactly("backend--ada.dev.example.com");
  }

  @Test
  void reportingTheSameHealthAgainIsNotAChange() throws InterruptedException {
    UUID workspace = UUID.randomUUID();
    routing.request(RoutingContract.REGISTER, registration(workspace, "backend", "ada", app("code", 41001, true)));
    routing.nextEvent();

    routing.request(RoutingContract.SET_HEALTH,
        new JsonObject().put("host", "backend--ada.dev.example.com").put("healthy", true));

    assertThat(routing.request(RoutingContract.RESOLVE, new JsonObject().put("host", "Backend--Ada.dev.example.com"))
        .getBoolean("healthy")).isTrue();
    // events arrive in publishing order: the next one is the deactivation, so no health event came before it
    routing.request(RoutingContract.DEREGISTER, new JsonObject().put("workspaceId", workspace.toString()));
    assertThat(routing.nextEvent().change()).isEqualTo(Change.DEACTIVATED);
  }

  @Test
  void longAndOddNamesGiveValidDnsHosts() {
    JsonObject reply = routing.request(RoutingContract.REGISTER, registration(UUID.randomUUID(),
        "Ünïcödé Wörkspace — with a name far too long for one DNS label ✨✨✨", "Zoë O'Brien-Smith",
        app("code", 41001, true), app("notebook-server", 41002, false)));

    assertThat(hosts(reply)).hasSize(2).allSatisfy(host -> {
      assertThat(HostName.isValid(host)).as(host).isTrue();
      assertThat(host).endsWith(".dev.example.com");
    });
    assertThat(reply.getString("host")).startsWith("unicode-workspace-with-a-name-far-too-long");
  }

  @Test
  void workspacesWhoseNamesCollideGetDistinctHosts() {
    JsonObject first = routing.request(RoutingContract.REGISTER,
        registration(UUID.randomUUID(), "backend", "ada", app("code", 41001, true)));
    JsonObject second = routing.request(RoutingContract.REGISTER,
        registration(UUID.randomUUID(), "Backend!", "ADA", app("code", 41002, true)));

    assertThat(first.getString("host")).isEqualTo("backend--ada.dev.example.com");
    assertThat(second.getString("host")).startsWith("backend--ada-").endsWith(".dev.example.com")
        .isNotEqualTo(first.getString("host"));
    assertThat(routing.request(RoutingContract.RESOLVE, new JsonObject().put("host", second.getString("host")))
        .getString("upstreamUrl")).isEqualTo("http://127.0.0.1:41002");
  }

  @Test
  void malformedRegistrationsAreRefusedAsValidation() {
    UUID workspace = UUID.randomUUID();
    assertThat(routing.failureOf(RoutingContract.REGISTER, registration(workspace, "backend", "ada",
        app("code", 41001, false)))).isEqualTo(ErrorCode.VALIDATION);
    assertThat(routing.failureOf(RoutingContract.REGISTER, registration(workspace, "backend", "ada",
        app("code", 41001, true).put("upstreamUrl", "not a url")))).isEqualTo(ErrorCode.VALIDATION);
    assertThat(routing.failureOf(RoutingContract.REGISTER, registration(workspace, "backend", "ada",
        app("Code--X", 41001, true)))).isEqualTo(ErrorCode.VALIDATION);
    assertThat(routing.failureOf(RoutingContract.REGISTER, registration(workspace, "backend", "ada",
        app("code", 41001, true)).put("workspaceId", "nope"))).isEqualTo(ErrorCode.VALIDATION);
    assertThat(routes(list(workspace))).isEmpty();
  }

  @Test
  void metricsCountTheTableAndTheChangesByKind() throws InterruptedException {
    UUID workspace = UUID.randomUUID();
    routing.request(RoutingContract.REGISTER,
        registration(workspace, "backend", "ada", app("code", 41001, true), app("jupyter", 41002, false)));
    routing.request(RoutingContract.REGISTER, registration(UUID.randomUUID(), "docs", "ben", app("web", 41003, true)));
    routing.request(RoutingContract.DEREGISTER, new JsonObject().put("workspaceId", workspace.toString()).put("purge", true));
    for (int i = 0; i < 3; i++) {
      routing.nextEvent();
    }

    var registry = routing.runtime.meterRegistry();
    assertThat(registry.get("devsanctum.route.changes").tag("change", "registered").counter().count()).isEqualTo(3);
    assertThat(registry.get("devsanctum.route.changes").tag("change", "removed").counter().count()).isEqualTo(2);
    awaitGauge(registry, 1);
  }

  private static void awaitGauge(io.micrometer.core.instrument.MeterRegistry registry, double expected)
      throws InterruptedException {
    // the gauge follows the table once the proxy provider has been brought up to date, just after the reply
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (registry.get("devsanctum.routes").gauge().value() != expected && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(registry.get("devsanctum.routes").gauge().value()).isEqualTo(expected);
  }

  private JsonObject list(UUID workspace) {
    return routing.request(RoutingContract.LIST, new JsonObject().put("workspaceId", workspace.toString()));
  }

  private static List<RouteMapping> routes(JsonObject reply) {
    return reply.getJsonArray("routes").stream().map(r -> RouteMapping.MAPPER.fromJson((JsonObject) r)).toList();
  }

  private static List<String> hosts(JsonObject reply) {
    return routes(reply).stream().map(RouteMapping::host).toList();
  }
}
