package io.devsanctum.workspace.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.contract.workspace.Template;
import io.devsanctum.common.contract.workspace.Workspace;
import io.devsanctum.common.contract.workspace.WorkspaceState;
import io.devsanctum.workspace.WorkspaceCore;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The reconciler on fakes: what it finds out of line between database, Docker host and route table, and what it does. */
@ExtendWith(VertxExtension.class)
class ReconcilerTest {

  private static final Duration PATIENCE = Duration.ofSeconds(20);

  private WorkspaceCore core;
  private Workspace running;

  @BeforeEach
  void start(Vertx vertx) {
    core = new WorkspaceCore(vertx);
    Template template = core.template("minimal");
    Caller ada = WorkspaceCore.member("ada");
    running = core.workspaces.create(ada, template.id(), "running", Map.of()).await();
    await().atMost(PATIENCE).until(() -> core.isIn(running.id(), WorkspaceState.RUNNING));
  }

  @AfterEach
  void stop() {
    core.close();
  }

  @Test
  void aContainerWithoutAWorkspaceIsRemoved() {
    String workspaceId = UUID.randomUUID().toString();
    core.containers.addOrphan(workspaceId, "orphan-1");

    core.reconciler.reconcile().await();

    assertThat(core.containers.containers()).doesNotContainKey(workspaceId).containsKey(running.id().toString());
    assertThat(core.metrics.counter("devsanctum.reconciler.actions", "action", "remove-orphan").count()).isEqualTo(1);
  }

  @Test
  void aRunningWorkspaceWhoseContainerDisappearedIsFailedWithTheReasonAndUnrouted() {
    core.containers.crash(running.id().toString(), true);

    core.reconciler.reconcile().await();

    Workspace failed = core.workspace(running.id());
    assertThat(failed.state()).isEqualTo(WorkspaceState.FAILED);
    assertThat(failed.failureReason()).isEqualTo("the container disappeared from Docker host fake-host");
    assertThat(core.routes.isRouted(running.id())).isFalse();
    assertThat(core.events.changes).last().extracting(Workspace::state).isEqualTo(WorkspaceState.FAILED);
  }

  @Test
  void aRunningWorkspaceWhoseContainerStoppedOnItsOwnIsFailed() {
    core.containers.crash(running.id().toString(), false);

    core.reconciler.reconcile().await();

    assertThat(core.workspace(running.id()).failureReason())
        .isEqualTo("the container stopped on its own on Docker host fake-host");
  }

  @Test
  void aRunningWorkspaceThatLostItsRouteIsRoutedAgain() {
    core.routes.lose(running.id());

    core.reconciler.reconcile().await();

    assertThat(core.routes.isRouted(running.id())).isTrue();
    assertThat(core.workspace(running.id()).state()).isEqualTo(WorkspaceState.RUNNING);
  }

  @Test
  void aHostThatDoesNotAnswerIsLeftAloneNeverTakenForEmpty() {
    core.containers.hostUnreachable(true);

    core.reconciler.reconcile().await();

    assertThat(core.workspace(running.id()).state()).isEqualTo(WorkspaceState.RUNNING);
    assertThat(core.containers.containers()).containsKey(running.id().toString());
    assertThat(core.metrics.counter("devsanctum.reconciler.actions", "action", "host-unreachable").count())
        .isEqualTo(1);
  }

  @Test
  void aFailedWorkspaceWhoseContainerStillRunsHasItStopped() {
    core.workspaceRepository.finishTransition(running.id(), WorkspaceState.FAILED, "a test says so", null).await();

    core.reconciler.reconcile().await();

    assertThat(core.containers.containers().get(running.id().toString()).running()).isFalse();
    assertThat(core.workspace(running.id()).failureReason()).isEqualTo("a test says so", null);
  }
}
