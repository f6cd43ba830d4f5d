package io.devsanctum.workspace.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.contract.SharingLevel;
import io.devsanctum.common.contract.workspace.Template;
import io.devsanctum.common.contract.workspace.Workspace;
import io.devsanctum.common.contract.workspace.WorkspaceAction;
import io.devsanctum.common.contract.workspace.WorkspaceState;
import io.devsanctum.common.domain.InvalidInputException;
import io.devsanctum.common.paging.Page;
import io.devsanctum.common.paging.PageRequest;
import io.devsanctum.workspace.WorkspaceCore;
import io.devsanctum.workspace.repository.WorkspaceRepository.Filter;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The workspace list's cursor pages, and sharing reaching a workspace's routes whatever its state. */
@ExtendWith(VertxExtension.class)
class WorkspaceListingAndSharingTest {

  private static final Duration PATIENCE = Duration.ofSeconds(20);
  private static final Filter EVERYONE = new Filter(null, null, null, null);

  private WorkspaceCore core;
  private Template template;
  private final Caller ada = WorkspaceCore.member("ada");
  private final Caller bob = WorkspaceCore.member("bob");

  @BeforeEach
  void start(Vertx vertx) {
    core = new WorkspaceCore(vertx);
    template = core.template("minimal");
  }

  @AfterEach
  void stop() {
    core.close();
  }

  @Test
  void followingTheCursorsVisitsEveryWorkspaceOnceNewestFirstAndMembersOnlyTheirOwn() {
    List<UUID> adas = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      adas.add(core.workspaces.create(ada, template.id(), "ws-" + i, Map.of()).await().id());
    }
    UUID bobs = core.workspaces.create(bob, template.id(), "bobs", Map.of()).await().id();

    List<Workspace> seen = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    String cursor = null;
    do {
      Page<Workspace> page = core.workspaces.list(ada, EVERYONE, new PageRequest(3, cursor)).await();
      seen.addAll(page.items());
      sizes.add(page.items().size());
      cursor = page.nextCursor();
    } while (cursor != null);

    assertThat(sizes).containsExactly(3, 3, 1);
    assertThat(seen).extracting(Workspace::id).containsExactlyInAnyOrderElementsOf(adas).doesNotContain(bobs);
    assertThat(seen).isSortedAccordingTo(Comparator.comparing(Workspace::createdAt).reversed());
    assertThat(core.workspaces.list(WorkspaceCore.ADMIN, EVERYONE, PageRequest.first()).await().items())
        .extracting(Workspace::id).contains(bobs).hasSize(8);
  }

  @Test
  void aCursorNoPageGaveIsInvalidInputNamingTheCursor() {
    assertThatThrownBy(() -> core.workspaces.list(ada, EVERYONE, new PageRequest(3, "bm90LWEtY3Vyc29y")).await())
        .isInstanceOfSatisfying(InvalidInputException.class, refused -> assertThat(refused.field()).isEqualTo("cursor"));
  }

  @Test
  void sharingAStoppedWorkspaceReachesItsRoutesAtOnce() {
    Workspace created = core.workspaces.create(ada, template.id(), "shared", Map.of()).await();
    await().atMost(PATIENCE).until(() -> core.isIn(created.id(), WorkspaceState.RUNNING));
    core.workspaces.transition(ada, created.id(), WorkspaceAction.STOP).await();
    await().atMost(PATIENCE).until(() -> core.isIn(created.id(), WorkspaceState.STOPPED));

    core.workspaces.setSharing(ada, created.id(), "public").await();

    assertThat(core.routes.isRouted(created.id())).isFalse();
    assertThat(core.routes.sharingOf(created.id())).isEqualTo(SharingLevel.PUBLIC);
  }
}
