package io.devsanctum.workspace.service;

import io.devsanctum.common.contract.audit.AuditAction;
import io.devsanctum.workspace.TestAudit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.contract.workspace.Deployment;
import io.devsanctum.common.contract.workspace.Initiator;
import io.devsanctum.common.contract.workspace.ScheduleReason;
import io.devsanctum.common.contract.workspace.Template;
import io.devsanctum.common.contract.workspace.TemplateSchedule;
import io.devsanctum.common.contract.workspace.Transition;
import io.devsanctum.common.contract.workspace.Workspace;
import io.devsanctum.common.contract.workspace.WorkspaceAction;
import io.devsanctum.common.contract.workspace.WorkspaceState;
import io.devsanctum.common.domain.ConflictException;
import io.devsanctum.common.domain.UnprocessableException;
import io.devsanctum.common.paging.PageRequest;
import io.devsanctum.workspace.WorkspaceCore;
import io.devsanctum.workspace.repository.WorkspaceRepository.Dormancy;
import io.devsanctum.workspace.repository.WorkspaceRepository.Filter;
import io.devsanctum.workspace.repository.WorkspaceRepository.UsageCheck;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Dormancy and the failed-workspace TTL on a real PostgreSQL, on a clock the test moves: a stopped
 * workspace unused for the template's age becomes dormant (hidden, cannot start until woken), a
 * dormant one is deleted after the next age, a failed one after its own; each is visible (an event,
 * a deployment by the schedule), never a silent disappearance.
 */
@ExtendWith(VertxExtension.class)
class WorkspaceDormancyTest {

  private static final Duration SETTLE = Duration.ofSeconds(20);

  private WorkspaceCore core;
  private final Caller ada = WorkspaceCore.member("ada");

  @BeforeEach
  void start(Vertx vertx) {
    core = new WorkspaceCore(vertx);
  }

  @AfterEach
  void stop() {
    core.close();
  }

  @Test
  void aStoppedWorkspaceBecomesDormantThenIsDeletedAtTheConfiguredAgesAndAWokenOneStarts() {
    Template template = core.template("sleepy", new TemplateSchedule(null, null, null, null, null, 7, 30, null));
    Workspace woken = stopped(template, "woken");
    Workspace forgotten = stopped(template, "forgotten");

    core.clock.advance(Duration.ofDays(7).minusMinutes(1));
    core.scheduler.runOnce().await();
    assertThat(core.workspace(forgotten.id()).dormantAt()).isNull();

    core.clock.advance(Duration.ofMinutes(2));
    core.scheduler.runOnce().await();
    Workspace dormant = core.workspace(forgotten.id());
    assertThat(dormant.dormantAt()).isNotNull();
    assertThat(dormant.deletesAt()).isEqualTo(dormant.dormantAt().plusDays(30));
    assertThat(core.events.changes).anySatisfy(w -> {
      assertThat(w.id()).isEqualTo(forgotten.id());
      assertThat(w.dormantAt()).isNotNull();
    });
    assertThat(names(Dormancy.AWAKE)).doesNotContain("woken", "forgotten");
    assertThat(names(Dormancy.DORMANT)).containsExactlyInAnyOrder("woken", "forgotten");
    assertThatThrownBy(() -> core.workspaces.transition(ada, woken.id(), WorkspaceAction.START).await())
        .isInstanceOf(ConflictException.class).hasMessageContaining("dormant");

    assertThat(core.schedules.wake(ada, woken.id()).await().dormantAt()).isNull();
    core.workspaces.transition(ada, woken.id(), WorkspaceAction.START).await();
    await().atMost(SETTLE).until(() -> core.isIn(woken.id(), WorkspaceState.RUNNING));
    assertThat(names(Dormancy.AWAKE)).contains("woken");

    core.clock.advance(Duration.ofDays(30).minusMinutes(2));
    core.scheduler.runOnce().await();
    assertThat(core.workspaceRepository.find(forgotten.id()).await()).isPresent();

    core.clock.advance(Duration.ofMinutes(2));
    core.scheduler.runOnce().await();
    await().atMost(SETTLE).until(() -> core.workspaceRepository.find(forgotten.id()).await().isEmpty());
    Deployment delete = core.deploymentRepository.page(forgotten.id(), PageRequest.first()).await().items().get(0);
    assertThat(delete.transition()).isEqualTo(Transition.DELETE);
    assertThat(delete.initiator()).isEqualTo(Initiator.SCHEDULE);
    assertThat(delete.scheduleReason()).isEqualTo(ScheduleReason.DORMANCY);
    assertThat(core.log(forgotten.id(), delete.number()).get(0)).startsWith("deleting: dormant since")
        .contains("30 days without being woken");
    assertThat(core.containers.calls()).contains("remove " + forgotten.id());
    assertThat(core.workspace(woken.id()).state()).isEqualTo(WorkspaceState.RUNNING);
    assertThat(scheduled("dormant", "dormancy")).isEqualTo(2);
    assertThat(scheduled("delete", "dormancy")).isEqualTo(1);
  }

  @Test
  void aFailedWorkspaceIsDeletedAfterItsTemplatesTtl() {
    Template template = core.template("tidy", new TemplateSchedule(null, null, null, null, null, null, null, 3));
    core.containers.failNext("start", 1, () -> new UnprocessableException("the image's entrypoint is missing"));
    UUID id = core.workspaces.create(ada, template.id(), "broken", Map.of()).await().id();
    await().atMost(SETTLE).until(() -> core.isIn(id, WorkspaceState.FAILED)
        && core.deploymentRepository.active(id).await().isEmpty());
    Workspace failed = core.workspace(id);
    assertThat(failed.deletesAt()).isEqualTo(failed.updatedAt().plusDays(3));

    core.clock.setTo(failed.deletesAt().toInstant().minusSeconds(60));
    core.scheduler.runOnce().await();
    assertThat(core.workspace(id).state()).isEqualTo(WorkspaceState.FAILED);

    core.clock.setTo(failed.deletesAt().toInstant());
    core.scheduler.runOnce().await();
    await().atMost(SETTLE).until(() -> core.workspaceRepository.find(id).await().isEmpty());
    Deployment delete = core.deploymentRepository.page(id, PageRequest.first()).await().items().get(0);
    assertThat(delete.scheduleReason()).isEqualTo(ScheduleReason.FAILED_TTL);
    assertThat(core.log(id, delete.number()).get(0)).startsWith("deleting: failed since")
        .contains("the image's entrypoint is missing");
    assertThat(scheduled("delete", "failed-ttl")).isEqualTo(1);
  }

  @Test
  void aWorkspaceWhoseDeletionBeganCannotBeWoken() {
    Template template = core.template("racy", new TemplateSchedule(null, null, null, null, null, 7, 30, null));
    Workspace deleted = stopped(template, "deleted");
    core.clock.advance(Duration.ofDays(8));
    core.scheduler.runOnce().await();
    assertThat(core.workspace(deleted.id()).dormantAt()).isNotNull();

    // the schedule's deletion begins first; the owner's Wake comes after it
    Promise<Void> removing = core.containers.holdNext("remove");
    core.clock.advance(Duration.ofDays(31));
    core.scheduler.runOnce().await();
    await().atMost(SETTLE).until(() -> core.isIn(deleted.id(), WorkspaceState.DELETING));
    assertThatThrownBy(() -> core.schedules.wake(ada, deleted.id()).await())
        .isInstanceOf(ConflictException.class).hasMessageContaining("can no longer be woken");
    removing.complete();
    await().atMost(SETTLE).until(() -> core.workspaceRepository.find(deleted.id()).await().isEmpty());
  }

  @Test
  void aStartAskedBeforeTheWorkspaceBecameDormantDoesNotBeginAfterIt() {
    Template template = core.template("racy-start", new TemplateSchedule(null, null, null, null, null, 7, 30, null));
    Workspace raced = stopped(template, "raced");
    Workspace awake = core.workspace(raced.id()); // what the start read

    core.clock.advance(Duration.ofDays(8));
    assertThat(core.workspaceRepository.makeDormant(core.workspace(raced.id()), OffsetDateTime.now(core.clock),
        TestAudit.of(AuditAction.WORKSPACE_DORMANT, raced.id())).await())
        .isTrue();

    assertThat(core.workspaceRepository.beginTransition(awake.id(), Transition.START, ada.userId(),
        awake.templateVersionId(), null, UsageCheck.NONE, null).await()).isEmpty();
    assertThat(core.workspace(raced.id()).state()).isEqualTo(WorkspaceState.STOPPED);
  }

  private Workspace stopped(Template template, String name) {
    UUID id = core.workspaces.create(ada, template.id(), name, Map.of()).await().id();
    await().atMost(SETTLE).until(() -> core.isIn(id, WorkspaceState.RUNNING)
        && core.deploymentRepository.active(id).await().isEmpty());
    core.workspaces.transition(ada, id, WorkspaceAction.STOP).await();
    await().atMost(SETTLE).until(() -> core.isIn(id, WorkspaceState.STOPPED)
        && core.deploymentRepository.active(id).await().isEmpty());
    return core.workspace(id);
  }

  private List<String> names(Dormancy dormancy) {
    return core.workspaces.list(ada, new Filter(null, null, null, dormancy), PageRequest.first()).await().items().stream().map(Workspace::name).toList();
  }

  private double scheduled(String action, String reason) {
    var counter = core.metrics.find("devsanctum.workspace.scheduled").tag("action", action).tag("reason", reason).counter();
    return counter == null ? 0 : counter.count();
  }
}
