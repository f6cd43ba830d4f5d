package io.devsanctum.routing.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.devsanctum.common.contract.SharingLevel;
import io.devsanctum.common.contract.routing.AppRoute;
import io.devsanctum.common.contract.routing.RouteRegistration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HostNamingTest {

  private static final UUID WORKSPACE = UUID.fromString("6f1c2a5e-0b7d-4c1e-9a3f-1d2e3f4a5b6c");
  private static final UUID OTHER_WORKSPACE = UUID.fromString("0d9e8f7a-6b5c-4d3e-8f2a-1b0c9d8e7f6a");
  private static final AppRoute CODE = new AppRoute("code", 8080, "http://127.0.0.1:40001", true, "/");
  private static final AppRoute JUPYTER = new AppRoute("jupyter", 8888, "http://127.0.0.1:40002", false, "/api");

  private final HostNaming naming = new HostNaming("dev.example.com");

  @Test
  void defaultAppIsServedAtTheSlugAndOtherAppsArePrefixedWithTheirName() {
    WorkspaceHosts hosts = naming.candidates(registration(WORKSPACE, "backend", "ada", CODE, JUPYTER)).get(0);

    assertThat(hosts.slug()).isEqualTo("backend--ada");
    assertThat(hosts.hostByApp()).containsEntry("code", "backend--ada.dev.example.com")
        .containsEntry("jupyter", "jupyter--backend--ada.dev.example.com");
  }

  @Test
  void sameInputAlwaysGivesTheSameHosts() {
    RouteRegistration registration = registration(WORKSPACE, "Backend API", "Ada", CODE, JUPYTER);

    assertThat(naming.candidates(registration)).isEqualTo(naming.candidates(registration));
  }

  @Test
  void oddCharactersAndUnicodeBecomeDnsSafeLabels() {
    assertThat(slug("  Mon Café ☕ (prod)!! ", "Zoë_O'Brien")).isEqualTo("mon-cafe-prod--zoe-o-brien");
    assertThat(slug("--Über__Project--", "ADA")).isEqualTo("uber-project--ada");
    assertThat(slug("日本語", "ユーザー")).isEqualTo("workspace--user");
    assertThat(slug("a`b)||Host(`evil.com", "x.y")).isEqualTo("a-b-host-evil-com--x-y");
  }

  @Test
  void hyphenRunsInsideNamesCollapseSoThePartSeparatorStaysUnambiguous() {
    assertThat(slug("a--b", "c")).isEqualTo("a-b--c");
    assertThat(slug("a", "b--c")).isEqualTo("a--b-c");
  }

  @Test
  void labelsThatWouldLookLikePunycodeAreKeptOutOfTheAcePrefix() {
    assertThat(slug("xn", "ada")).isEqualTo("w-xn--ada");
  }

  @Test
  void longNamesAreCutToOneDnsLabelEndingInAHashOfTheWorkspace() {
    String longName = "a-really-long-workspace-name-that-goes-on-and-on-and-on-forever";
    String slug = naming.candidates(registration(WORKSPACE, longName, "someone-with-a-long-name", CODE)).get(0).slug();
    String otherSlug = naming.candidates(registration(OTHER_WORKSPACE, longName, "someone-with-a-long-name", CODE))
        .get(0).slug();

    assertThat(slug).hasSizeLessThanOrEqualTo(63).startsWith("a-really-long-workspace").matches("[a-z0-9-]+");
    assertThat(HostName.isValidLabel(slug)).isTrue();
    assertThat(otherSlug).isNotEqualTo(slug).hasSameSizeAs(slug);
  }

  @Test
  void longAppHostsStayOneValidLabelPerApp() {
    AppRoute longApp = new AppRoute("an-app-with-quite-a-long-name-x", 9000, "http://127.0.0.1:40003", false, "/");
    WorkspaceHosts hosts = naming.candidates(
        registration(WORKSPACE, "workspace-name-of-thirty-chars", "owner-name-twenty-ch", CODE, longApp)).get(0);

    String appHost = hosts.hostByApp().get(longApp.name());
    assertThat(appHost).endsWith(".dev.example.com");
    assertThat(HostName.isValid(appHost)).isTrue();
    assertThat(appHost.substring(0, appHost.indexOf('.'))).hasSizeLessThanOrEqualTo(63);
  }

  @Test
  void aSecondCandidateMadeUniqueByTheWorkspaceIdExistsForCollisions() {
    List<WorkspaceHosts> mine = naming.candidates(registration(WORKSPACE, "backend", "ada", CODE));
    List<WorkspaceHosts> theirs = naming.candidates(registration(OTHER_WORKSPACE, "backend", "ada", CODE));

    assertThat(mine).hasSize(2);
    assertThat(mine.get(0)).isEqualTo(theirs.get(0));
    assertThat(mine.get(1).slug()).startsWith("backend--ada-").isNotEqualTo(theirs.get(1).slug());
  }

  @Test
  void choosesThePlainHostsWhenFreeAndTheUniqueOnesWhenAnotherWorkspaceHoldsThem() {
    List<WorkspaceHosts> candidates = naming.candidates(registration(WORKSPACE, "backend", "ada", CODE));

    assertThat(HostNaming.choose(candidates, Set.of(), Set.of())).contains(candidates.get(0));
    assertThat(HostNaming.choose(candidates, Set.of(), Set.of("backend--ada.dev.example.com")))
        .contains(candidates.get(1));
  }

  @Test
  void aWorkspaceKeepsTheHostsItAlreadyHoldsWhenTheFirstChoiceBecomesFree() {
    List<WorkspaceHosts> candidates = naming.candidates(registration(WORKSPACE, "backend", "ada", CODE));
    String held = candidates.get(1).hostByApp().get("code");

    assertThat(HostNaming.choose(candidates, Set.of(held), Set.of())).contains(candidates.get(1));
  }

  @Test
  void aHeldCandidateIsLeftWhenANewAppsHostUnderItBelongsToAnotherWorkspace() {
    List<WorkspaceHosts> candidates = naming.candidates(registration(WORKSPACE, "backend", "ada", CODE, JUPYTER));
    String held = candidates.get(0).hostByApp().get("code");
    String takenByOthers = candidates.get(0).hostByApp().get("jupyter");

    assertThat(HostNaming.choose(candidates, Set.of(held), Set.of(takenByOthers))).contains(candidates.get(1));
  }

  @Test
  void noHostsWhenEveryCandidateIsHeldByOthers() {
    List<WorkspaceHosts> candidates = naming.candidates(registration(WORKSPACE, "backend", "ada", CODE));
    Set<String> all = Set.of(candidates.get(0).hostByApp().get("code"), candidates.get(1).hostByApp().get("code"));

    assertThat(HostNaming.choose(candidates, Set.of(), all)).isEmpty();
  }

  private String slug(String workspaceName, String ownerName) {
    String slug = naming.candidates(registration(WORKSPACE, workspaceName, ownerName, CODE)).get(0).slug();
    assertThat(HostName.isValidLabel(slug)).as("'%s' is a DNS label", slug).isTrue();
    return slug;
  }

  static RouteRegistration registration(UUID workspaceId, String workspaceName, String ownerName, AppRoute... apps) {
    return new RouteRegistration(workspaceId, UUID.randomUUID(), ownerName, workspaceName, "local",
        SharingLevel.OWNER, List.of(apps));
  }
}
