package io.devsanctum.routing;

import static io.devsanctum.routing.RoutingServiceFixture.SERVICE;
import static io.devsanctum.routing.RoutingServiceFixture.app;
import static io.devsanctum.routing.RoutingServiceFixture.failureOf;
import static io.devsanctum.routing.RoutingServiceFixture.registration;
import static io.devsanctum.routing.RoutingServiceFixture.sharedWith;
import static org.assertj.core.api.Assertions.assertThat;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.bus.ErrorCode;
import io.devsanctum.common.contract.SharingLevel;
import io.devsanctum.common.contract.auth.Role;
import io.devsanctum.common.contract.routing.RouteChangedEvent;
import io.devsanctum.common.contract.routing.RouteChangedEvent.Change;
import io.devsanctum.common.contract.routing.RouteMapping;
import io.devsanctum.common.contract.routing.RoutesRegistered;
import io.devsanctum.common.contract.routing.RoutingContract;
import io.devsanctum.routing.model.HostName;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class RoutingServiceTest {

  private final RoutingServiceFixture fixture = new RoutingServiceFixture(Map.of(
      "DEVSANCTUM_BASE_DOMAIN", "dev.example.com"));
  private final RoutingContract routing = fixture.routing;

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void registeringTwiceKeepsTheHostsUpdatesUpstreamsAndKeepsOneRowPerApp() {
    UUID workspace = UUID.randomUUID();
    RoutesRegistered first = register(registration(workspace, "Backend", "ada", app("code", 41001, true),
        app("jupyter", 41002, false)));
    RoutesRegistered second = register(registration(workspace, "Backend", "ada", app("code", 42001, true),
        app("jupyter", 42002, false)));

    assertThat(first.host()).isEqualTo("backend--ada.dev.example.com");
    assertThat(second.host()).isEqualTo(first.host());
    assertThat(hosts(second)).isEqualTo(hosts(first))
        .containsExactlyInAnyOrder("backend--ada.dev.example.com", "jupyter--backend--ada.dev.example.com");
    List<RouteMapping> stored = routesOf(workspace);
    assertThat(stored).hasSize(2);
    assertThat(stored).extracting(RouteMapping::upstreamUrl)
        .containsExactlyInAnyOrder("http://127.0.0.1:42001", "http://127.0.0.1:42002");
  }

  @Test
  void reRegisteringWithoutAnAppRemovesItsRoute() throws InterruptedException {
    UUID workspace = UUID.randomUUID();
    register(registration(workspace, "backend", "ada", app("code", 41001, true), app("jupyter", 41002, false)));
    fixture.nextEvent();

    register(registration(workspace, "backend", "ada", app("code", 41001, true)));

    assertThat(routesOf(workspace)).extracting(RouteMapping::appName).containsExactly("code");
    RouteChangedEvent removed = fixture.nextEvent();
    assertThat(removed.change()).isEqualTo(Change.REMOVED);
    assertThat(removed.routes()).extracting(RouteMapping::host).containsExactly("jupyter--backend--ada.dev.example.com");
  }

  @Test
  void deregisteringKeepsTheRoutesInactiveAndRepeatingItChangesNothing() throws InterruptedException {
    UUID workspace = UUID.randomUUID();
    register(registration(workspace, "backend", "ada", app("code", 41001, true), app("jupyter", 41002, false)));
    fixture.nextEvent();

    var first = routing.deregister(SERVICE, workspace, false).await();
    assertThat(first.deactivated()).isEqualTo(2);
    assertThat(first.removed()).isZero();
    assertThat(routing.deregister(SERVICE, workspace, false).await().deactivated()).isZero();

    assertThat(routesOf(workspace)).hasSize(2).noneMatch(RouteMapping::active);
    assertThat(routing.resolve(SERVICE, "backend--ada.dev.example.com").await().active()).isFalse();
    RouteChangedEvent deactivated = fixture.nextEvent();
    assertThat(deactivated.change()).isEqualTo(Change.DEACTIVATED);
    assertThat(deactivated.routes()).hasSize(2).noneMatch(RouteMapping::active);
  }

  @Test
  void aStoppedWorkspaceKeepsItsHostsAgainstOthersAndGetsThemBackActiveAndHealthy() {
    UUID workspace = UUID.randomUUID();
    register(registration(workspace, "backend", "ada", app("code", 41001, true)));
    routing.setHealth(SERVICE, "backend--ada.dev.example.com", false).await();
    routing.deregister(SERVICE, workspace, false).await();

    RoutesRegistered other = register(registration(UUID.randomUUID(), "backend", "ada", app("code", 41002, true)));
    assertThat(other.host()).isNotEqualTo("backend--ada.dev.example.com");

    RoutesRegistered again = register(sharedWith(registration(workspace, "backend", "ada", app("code", 43001, true)),
        SharingLevel.PUBLIC));
    assertThat(again.host()).isEqualTo("backend--ada.dev.example.com");
    RouteMapping route = again.routes().get(0);
    assertThat(route.active()).isTrue();
    assertThat(route.healthy()).as("a new container starts out healthy").isTrue();
    assertThat(route.sharing()).isEqualTo(SharingLevel.PUBLIC);
    assertThat(route.upstreamUrl()).isEqualTo("http://127.0.0.1:43001");
  }

  @Test
  void purgingRemovesEveryRouteAndFreesTheHosts() {
    UUID workspace = UUID.randomUUID();
    register(registration(workspace, "backend", "ada", app("code", 41001, true), app("jupyter", 41002, false)));
    routing.deregister(SERVICE, workspace, false).await();

    assertThat(routing.deregister(SERVICE, workspace, true).await().removed()).isEqualTo(2);
    assertThat(routing.deregister(SERVICE, workspace, true).await().removed()).isZero();
    assertThat(routesOf(workspace)).isEmpty();
    assertThat(failureOf(routing.resolve(SERVICE, "backend--ada.dev.example.com"))).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(register(registration(UUID.randomUUID(), "backend", "ada", app("code", 41003, true))).host())
        .isEqualTo("backend--ada.dev.example.com");
  }

  @Test
  void everyChangeIsPublishedWithTheRoutesItConcernsItsVersionAndWhenItWasPublished() throws InterruptedException {
    UUID workspace = UUID.randomUUID();
    Instant before = Instant.now().minusMillis(1);
    long tableVersion = routing.table(SERVICE).await().version();
    register(registration(workspace, "backend", "ada", app("code", 41001, true)));

    RouteChangedEvent registered = fixture.nextEvent();
    assertThat(registered.change()).isEqualTo(Change.REGISTERED);
    assertThat(registered.workspaceId()).isEqualTo(workspace);
    assertThat(registered.routes()).extracting(RouteMapping::host).containsExactly("backend--ada.dev.example.com");
    assertThat(registered.at()).isAfter(before).isBeforeOrEqualTo(Instant.now());
    assertThat(registered.version()).isEqualTo(tableVersion + 1);
    assertThat(registered.routes()).allSatisfy(route -> assertThat(route.version()).isEqualTo(registered.version()));

    routing.setHealth(SERVICE, "backend--ada.dev.example.com", false).await();
    RouteChangedEvent health = fixture.nextEvent();
    assertThat(health.change()).isEqualTo(Change.HEALTH);
    assertThat(health.routes()).singleElement().satisfies(route -> assertThat(route.healthy()).isFalse());
    assertThat(health.version()).isEqualTo(registered.version() + 1);

    routing.deregister(SERVICE, workspace, false).await();
    RouteChangedEvent deactivated = fixture.nextEvent();
    assertThat(deactivated.change()).isEqualTo(Change.DEACTIVATED);
    assertThat(deactivated.routes()).extracting(RouteMapping::host).containsExactly("backend--ada.dev.example.com");

    routing.deregister(SERVICE, workspace, true).await();
    RouteChangedEvent removed = fixture.nextEvent();
    assertThat(removed.change()).isEqualTo(Change.REMOVED);
    assertThat(removed.routes()).extracting(RouteMapping::host).containsExactly("backend--ada.dev.example.com");
    assertThat(routing.table(SERVICE).await().version()).isEqualTo(removed.version());
  }

  @Test
  void reportingTheSameHealthAgainIsNotAChange() throws InterruptedException {
    UUID workspace = UUID.randomUUID();
    register(registration(workspace, "backend", "ada", app("code", 41001, true)));
    fixture.nextEvent();

    routing.setHealth(SERVICE, "backend--ada.dev.example.com", true).await();

    assertThat(routing.resolve(SERVICE, "Backend--Ada.dev.example.com").await().healthy()).isTrue();
    // events arrive in publishing order: the next one is the deactivation, so no health event came before it
    routing.deregister(SERVICE, workspace, false).await();
    assertThat(fixture.nextEvent().change()).isEqualTo(Change.DEACTIVATED);
  }

  @Test
  void longAndOddNamesGiveValidDnsHosts() {
    RoutesRegistered reply = register(registration(UUID.randomUUID(),
        "Ünïcödé Wörkspace — with a name far too long for one DNS label ✨✨✨", "Zoë O'Brien-Smith",
        app("code", 41001, true), app("notebook-server", 41002, false)));

    assertThat(hosts(reply)).hasSize(2).allSatisfy(host -> {
      assertThat(HostName.isValid(host)).as(host).isTrue();
      assertThat(host).endsWith(".dev.example.com");
    });
    assertThat(reply.host()).startsWith("unicode-workspace-with-a-name-far-too-long");
  }

  @Test
  void workspacesWhoseNamesCollideGetDistinctHosts() {
    RoutesRegistered first = register(registration(UUID.randomUUID(), "backend", "ada", app("code", 41001, true)));
    RoutesRegistered second = register(registration(UUID.randomUUID(), "Backend!", "ADA", app("code", 41002, true)));

    assertThat(first.host()).isEqualTo("backend--ada.dev.example.com");
    assertThat(second.host()).startsWith("backend--ada-").endsWith(".dev.example.com").isNotEqualTo(first.host());
    assertThat(routing.resolve(SERVICE, second.host()).await().upstreamUrl()).isEqualTo("http://127.0.0.1:41002");
  }

  @Test
  void malformedRegistrationsAreRefusedAsValidation() {
    UUID workspace = UUID.randomUUID();
    assertThat(failureOf(routing.register(SERVICE, registration(workspace, "backend", "ada",
        app("code", 41001, false))))).isEqualTo(ErrorCode.VALIDATION);
    assertThat(failureOf(routing.register(SERVICE, registration(workspace, "backend", "ada",
        new io.devsanctum.common.contract.routing.AppRoute("code", 8080, "not a url", true, "/")))))
        .isEqualTo(ErrorCode.VALIDATION);
    assertThat(failureOf(routing.register(SERVICE, registration(workspace, "backend", "ada",
        app("Code--X", 41001, true))))).isEqualTo(ErrorCode.VALIDATION);
    assertThat(routesOf(workspace)).isEmpty();
  }

  @Test
  void aCallerThatIsNeitherAServiceNorAnAdminIsRefused() {
    Caller member = new Caller(UUID.randomUUID(), Role.MEMBER, "mallory");

    assertThat(failureOf(routing.register(member, registration(UUID.randomUUID(), "backend", "mallory",
        app("code", 41001, true))))).isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(failureOf(routing.table(member))).isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(failureOf(routing.deregister(member, UUID.randomUUID(), true))).isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(failureOf(routing.setHealth(member, "anything.dev.example.com", false))).isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(failureOf(routing.setSharing(member, UUID.randomUUID(), SharingLevel.PUBLIC))).isEqualTo(ErrorCode.FORBIDDEN);
  }

  @Test
  void metricsCountTheTableAndTheChangesByKind() throws InterruptedException {
    UUID workspace = UUID.randomUUID();
    register(registration(workspace, "backend", "ada", app("code", 41001, true), app("jupyter", 41002, false)));
    register(registration(UUID.randomUUID(), "docs", "ben", app("web", 41003, true)));
    routing.deregister(SERVICE, workspace, true).await();
    for (int i = 0; i < 3; i++) {
      fixture.nextEvent();
    }

    var registry = fixture.runtime.meterRegistry();
    assertThat(registry.get("devsanctum.route.changes").tag("change", "registered").counter().count()).isEqualTo(3);
    assertThat(registry.get("devsanctum.route.changes").tag("change", "removed").counter().count()).isEqualTo(2);
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
        // the gauge follows the table once the proxy provider has been brought up to date, just after the reply
        .until(() -> registry.get("devsanctum.routes").gauge().value() == 1);
  }

  @Test
  void sharingReachesAStoppedWorkspacesRoutesAtOnceAsANewVersionAndAgainChangesNothing() throws InterruptedException {
    UUID workspace = UUID.randomUUID();
    register(registration(workspace, "backend", "ada", app("code", 41001, true), app("jupyter", 41002, false)));
    RouteChangedEvent registered = fixture.nextEvent();
    routing.deregister(SERVICE, workspace, false).await();
    RouteChangedEvent deactivated = fixture.nextEvent();

    List<RouteMapping> shared = routing.setSharing(SERVICE, workspace, SharingLevel.PUBLIC).await();
    List<RouteMapping> again = routing.setSharing(SERVICE, workspace, SharingLevel.PUBLIC).await();

    assertThat(shared).hasSize(2).allMatch(route -> route.sharing() == SharingLevel.PUBLIC).noneMatch(RouteMapping::active);
    assertThat(again).isEqualTo(shared);
    RouteChangedEvent sharing = fixture.nextEvent();
    assertThat(sharing.change()).isEqualTo(Change.SHARING);
    assertThat(sharing.routes()).hasSize(2).allMatch(route -> route.sharing() == SharingLevel.PUBLIC);
    assertThat(sharing.version()).isGreaterThan(deactivated.version()).isGreaterThan(registered.version());
    assertThat(routing.resolve(SERVICE, "backend--ada.dev.example.com").await().sharing()).isEqualTo(SharingLevel.PUBLIC);
  }

  private RoutesRegistered register(io.devsanctum.common.contract.routing.RouteRegistration registration) {
    return routing.register(SERVICE, registration).await();
  }

  private List<RouteMapping> routesOf(UUID workspace) {
    return routing.routesOf(SERVICE, workspace).await();
  }

  private static List<String> hosts(RoutesRegistered reply) {
    return reply.routes().stream().map(RouteMapping::host).toList();
  }
}
