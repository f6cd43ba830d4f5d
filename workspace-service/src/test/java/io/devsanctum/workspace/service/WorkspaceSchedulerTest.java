package io.devsanctum.workspace.service;

import io.devsanctum.common.contract.audit.AuditAction;
import io.devsanctum.workspace.TestAudit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.contract.workspace.Autostart;
import io.devsanctum.common.contract.workspace.Deployment;
import io.devsanctum.common.contract.workspace.DeploymentStatus;
import io.devsanctum.common.contract.workspace.Initiator;
import io.devsanctum.common.contract.workspace.ScheduleReason;
import io.devsanctum.common.contract.workspace.Template;
import io.devsanctum.common.contract.workspace.TemplateSchedule;
import io.devsanctum.common.contract.workspace.Transition;
import io.devsanctum.common.contract.workspace.Workspace;
import io.devsanctum.common.contract.workspace.WorkspaceAction;
import io.devsanctum.common.contract.workspace.WorkspaceSchedule;
import io.devsanctum.common.contract.workspace.WorkspaceState;
import io.devsanctum.common.domain.ConflictException;
import io.devsanctum.common.domain.InvalidInputException;
import io.devsanctum.common.paging.PageRequest;
import io.devsanctum.workspace.WorkspaceCore;
import io.devsanctum.workspace.repository.WorkspaceRepository.UsageCheck;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The scheduler on a real PostgreSQL with fakes for the provisioner and the routes, its time a
 * clock the tests move: autostop after inactivity (and what keeps a workspace alive), the owner's
 * own timeout and Extend, several instances and users racing it, and autostart in a time zone.
 */
@ExtendWith(VertxExtension.class)
class WorkspaceSchedulerTest {

  private static final Duration SETTLE = Duration.ofSeconds(20);
  private static final Caller GATEWAY = Caller.service("gateway");
  private static final int TIMEOUT_MINUTES = 60;

  private WorkspaceCore core;
  private Template template;
  private final Caller ada = WorkspaceCore.member("ada");

  @BeforeEach
  void start(Vertx vertx) {
    core = new WorkspaceCore(vertx);
    template = core.template("idle-stops", new TemplateSchedule(TIMEOUT_MINUTES, null, 10, 240, null, null, null, null));
  }

  @AfterEach
  void stop() {
    core.close();
  }

  @Test
  void useKeepsAWorkspaceRunningPastItsTimeoutAndWithoutUseTheScheduleStopsItKeepingItsHome() {
    Workspace w = running("busy");
    assertThat(w.stopsAt()).isEqualTo(w.lastUsedAt().plusMinutes(TIMEOUT_MINUTES));

    core.clock.advance(Duration.ofMinutes(50));
    core.activity.record(GATEWAY, w.id()).await(); // a request through the proxy, terminal input
    core.clock.advance(Duration.ofMinutes(50)); // 100 minutes after the start, 50 after the use
    core.scheduler.runOnce().await();
    assertThat(core.workspace(w.id()).state()).isEqualTo(WorkspaceState.RUNNING);
    assertThat(core.deploymentRepository.page(w.id(), PageRequest.first()).await().items()).hasSize(1);

    core.clock.advance(Duration.ofMinutes(11)); // 61 minutes unused
    core.scheduler.runOnce().await();
    await().atMost(SETTLE).until(() -> core.isIn(w.id(), WorkspaceState.STOPPED));

    Deployment stop = core.deployment(w.id(), 2);
    assertThat(stop.transition()).isEqualTo(Transition.STOP);
    assertThat(stop.initiator()).isEqualTo(Initiator.SCHEDULE);
    assertThat(stop.scheduleReason()).isEqualTo(ScheduleReason.INACTIVITY);
    assertThat(stop.status()).isEqualTo(DeploymentStatus.SUCCEEDED);
    assertThat(core.log(w.id(), 2).get(0)).startsWith("stopping: unused since")
        .contains("inactivity timeout of 60 minutes").contains("home volume is kept");
    assertThat(core.log(w.id(), 2).get(1)).startsWith("deployment #2 (stop) started by the schedule (inactivity)");
    assertThat(core.containers.calls()).contains("stop " + w.id()).doesNotContain("remove " + w.id());
    assertThat(core.metrics.get("devsanctum.workspace.scheduled").tag("action", "stop")
        .tag("reason", "inactivity").counter().count()).isEqualTo(1);
  }

  @Test
  void aDeadlineThatPassedWhileNoInstanceRanIsActedOnByTheFirstPassAfter() {
    Workspace w = running("forgotten");
    core.clock.advance(Duration.ofDays(3)); // every instance was down meanwhile

    core.scheduler(core.orchestrator("restarted")).runOnce().await();

    await().atMost(SETTLE).until(() -> core.isIn(w.id(), WorkspaceState.STOPPED));
    assertThat(core.deployment(w.id(), 2).initiator()).isEqualTo(Initiator.SCHEDULE);
  }

  @Test
  void twoInstancesStopEachDueWorkspaceExactlyOnce() {
    List<Workspace> due = IntStream.range(0, 6).mapToObj(i -> running("due-" + i)).toList();
    core.clock.advance(Duration.ofMinutes(TIMEOUT_MINUTES + 1));

    WorkspaceScheduler other = core.scheduler(core.orchestrator("instance-b"));
    Future.all(core.scheduler.runOnce(), other.runOnce(), core.scheduler.runOnce(), other.runOnce()).await();

    for (Workspace w : due) {
      await().atMost(SETTLE).until(() -> core.isIn(w.id(), WorkspaceState.STOPPED));
      assertThat(core.deploymentRepository.page(w.id(), PageRequest.first()).await().items()).extracting(Deployment::transition)
          .containsExactly(Transition.STOP, Transition.START);
    }
    assertThat(core.metrics.get("devsanctum.workspace.scheduled").counter().count()).isEqualTo(due.size());
  }

  @Test
  void aUseBetweenThePassAndItsStopWins() {
    Workspace w = running("used-meanwhile");
    core.clock.advance(Duration.ofMinutes(TIMEOUT_MINUTES + 1));
    Workspace seen = core.workspace(w.id()); // what a pass judged due

    core.activity.record(GATEWAY, w.id()).await();

    assertThat(core.workspaceRepository.beginScheduled(seen, Transition.STOP, ScheduleReason.INACTIVITY, null,
        UsageCheck.NONE, TestAudit.of(AuditAction.WORKSPACE_STOP, seen.id())).await()).isEmpty();
    assertThat(core.workspace(w.id()).state()).isEqualTo(WorkspaceState.RUNNING);
  }

  @Test
  void aUsersStopRacingTheScheduleMakesOneStopDeployment() {
    Workspace w = running("stopped-twice");
    core.clock.advance(Duration.ofMinutes(TIMEOUT_MINUTES + 1));
    Promise<Void> stopping = core.containers.holdNext("stop"); // whichever stop wins is still under way when the other comes

    Future<Workspace> byUser = core.workspaces.transition(ada, w.id(), WorkspaceAction.STOP);
    Future<Void> bySchedule = core.scheduler.runOnce();
    Future.join(byUser, bySchedule).await();
    stopping.complete();

    assertThat(byUser.succeeded()).as("the user's stop answers as usual either way").isTrue();
    await().atMost(SETTLE).until(() -> core.isIn(w.id(), WorkspaceState.STOPPED));
    assertThat(core.deploymentRepository.page(w.id(), PageRequest.first()).await().items()).extracting(Deployment::transition)
        .containsExactly(Transition.STOP, Transition.START);
  }

  @Test
  void aUsersDeleteRacingTheScheduleEndsWithOneDeploymentAndAStateThatMatchesIt() {
    Workspace w = running("deleted-or-stopped");
    core.clock.advance(Duration.ofMinutes(TIMEOUT_MINUTES + 1));
    Promise<Void> stopping = core.containers.holdNext("stop"); // a stop that wins is still under way when the delete comes

    Future<Workspace> byUser = core.workspaces.transition(ada, w.id(), WorkspaceAction.DELETE);
    Future<Void> bySchedule = core.scheduler.runOnce();
    Future.join(byUser.otherwiseEmpty(), bySchedule).await(); // the user's delete may lose, refused
    stopping.complete();

    await().atMost(SETTLE).until(() -> core.deploymentRepository.active(w.id()).await().isEmpty());
    List<Deployment> deployments = core.deploymentRepository.page(w.id(), PageRequest.first()).await().items();
    assertThat(deployments).hasSize(2);
    Deployment winner = deployments.get(0);
    if (winner.transition() == Transition.DELETE) {
      assertThat(byUser.result().state()).isIn(WorkspaceState.DELETING, WorkspaceState.DELETED);
      assertThat(core.workspaceRepository.find(w.id()).await()).isEmpty();
    } else {
      assertThat(winner.initiator()).isEqualTo(Initiator.SCHEDULE);
      assertThat(byUser.cause()).isInstanceOf(ConflictException.class);
      assertThat(core.workspace(w.id()).state()).isEqualTo(WorkspaceState.STOPPED);
    }
  }

  @Test
  void anOwnersTimeoutWithinTheTemplatesBoundsReplacesItsDefaultAndExtendMovesTheDeadline() {
    Workspace w = running("short");
    assertThatThrownBy(() -> core.schedules.set(ada, w.id(), new WorkspaceSchedule(5, null)).await())
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("between 10 and 240");

    Workspace shorter = core.schedules.set(ada, w.id(), new WorkspaceSchedule(15, null)).await();
    assertThat(shorter.stopsAt()).isEqualTo(shorter.lastUsedAt().plusMinutes(15));

    core.clock.advance(Duration.ofMinutes(10));
    Workspace extended = core.schedules.extend(ada, w.id()).await();
    assertThat(extended.stopsAt()).isCloseTo(OffsetDateTime.now(core.clock).plusMinutes(15),
        within(1, ChronoUnit.MILLIS)); // the database keeps microseconds
    core.clock.advance(Duration.ofMinutes(14));
    core.scheduler.runOnce().await();
    assertThat(core.workspace(w.id()).state()).isEqualTo(WorkspaceState.RUNNING);

    core.clock.advance(Duration.ofMinutes(2));
    core.scheduler.runOnce().await();
    await().atMost(SETTLE).until(() -> core.isIn(w.id(), WorkspaceState.STOPPED));
    assertThatThrownBy(() -> core.schedules.extend(ada, w.id()).await()).isInstanceOf(ConflictException.class);
  }

  @Test
  void aTemplateThatFixesItsTimeoutRefusesAnOwnersAndOneWithoutTimeoutNeverStops() {
    Template fixed = core.template("fixed", new TemplateSchedule(30, false, null, null, false, null, null, null));
    Workspace w = running("fixed", fixed);
    assertThatThrownBy(() -> core.schedules.set(ada, w.id(), new WorkspaceSchedule(60, null)).await())
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("does not let owners change it");
    assertThatThrownBy(() -> core.schedules.set(ada, w.id(), new WorkspaceSchedule(null,
        new Autostart(List.of(DayOfWeek.MONDAY), "08:00", "UTC"))).await())
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("does not allow autostart");

    Workspace forever = running("forever", core.template("no-autostop"));
    assertThat(forever.stopsAt()).isNull();
    core.clock.advance(Duration.ofDays(30));
    core.scheduler.runOnce().await();
    assertThat(core.workspace(forever.id()).state()).isEqualTo(WorkspaceState.RUNNING);
  }

  /**
   * Europe/Berlin moves from CET (UTC+1) to CEST (UTC+2) on Sunday 29 March 2026: a weekday
   * 08:30 autostart is 07:30 UTC on Friday the 27th and 06:30 UTC on Monday the 30th.
   */
  @Test
  void autostartStartsAtTheScheduledMinuteInItsTimeZoneAcrossADaylightSavingChange() {
    Workspace w = running("morning");
    core.workspaces.transition(ada, w.id(), WorkspaceAction.STOP).await();
    await().atMost(SETTLE).until(() -> core.isIn(w.id(), WorkspaceState.STOPPED));

    core.clock.setTo(Instant.parse("2026-03-27T12:00:00Z")); // Friday, after that day's start
    Autostart weekdays = new Autostart(List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
        DayOfWeek.THURSDAY, DayOfWeek.FRIDAY), "08:30", "Europe/Berlin");
    Workspace scheduled = core.schedules.set(ada, w.id(), new WorkspaceSchedule(null, weekdays)).await();
    assertThat(scheduled.nextAutostartAt().toInstant()).isEqualTo(Instant.parse("2026-03-30T06:30:00Z"));

    core.clock.setTo(Instant.parse("2026-03-30T06:29:00Z")); // 07:29 under the old offset would be too late
    core.scheduler.runOnce().await();
    assertThat(core.workspace(w.id()).state()).isEqualTo(WorkspaceState.STOPPED);

    core.clock.setTo(Instant.parse("2026-03-30T06:30:00Z"));
    core.scheduler.runOnce().await();
    await().atMost(SETTLE).until(() -> core.isIn(w.id(), WorkspaceState.RUNNING));
    Deployment start = core.deployment(w.id(), 3);
    assertThat(start.transition()).isEqualTo(Transition.START);
    assertThat(start.initiator()).isEqualTo(Initiator.SCHEDULE);
    assertThat(start.scheduleReason()).isEqualTo(ScheduleReason.AUTOSTART);
    assertThat(core.log(w.id(), 3).get(0)).startsWith("starting: its autostart schedule");
    assertThat(core.workspace(w.id()).nextAutostartAt().toInstant()).isEqualTo(Instant.parse("2026-03-31T06:30:00Z"));

    // the same occurrence never starts it twice, even when it was stopped again meanwhile
    core.workspaces.transition(ada, w.id(), WorkspaceAction.STOP).await();
    await().atMost(SETTLE).until(() -> core.isIn(w.id(), WorkspaceState.STOPPED));
    core.scheduler.runOnce().await();
    assertThat(core.deploymentRepository.page(w.id(), PageRequest.first()).await().items()).hasSize(4);
  }

  @Test
  void anAutostartThatFindsTheWorkspaceRunningLetsThatOccurrencePass() {
    Workspace w = running("already-up", core.template("no-autostop"));
    core.clock.setTo(Instant.parse("2026-06-01T06:00:00Z")); // a Monday
    core.schedules.set(ada, w.id(), new WorkspaceSchedule(null,
        new Autostart(List.of(DayOfWeek.MONDAY), "09:00", "America/New_York"))).await();
    assertThat(core.workspace(w.id()).nextAutostartAt().toInstant()).isEqualTo(Instant.parse("2026-06-01T13:00:00Z"));

    core.clock.setTo(Instant.parse("2026-06-01T13:05:00Z"));
    core.scheduler.runOnce().await();

    assertThat(core.workspace(w.id()).nextAutostartAt().toInstant()).isEqualTo(Instant.parse("2026-06-08T13:00:00Z"));
    assertThat(core.deploymentRepository.page(w.id(), PageRequest.first()).await().items()).hasSize(1);
  }

  private Workspace running(String name) {
    return running(name, template);
  }

  private Workspace running(String name, Template from) {
    UUID id = core.workspaces.create(ada, from.id(), name, Map.of()).await().id();
    await().atMost(SETTLE).until(() -> core.isIn(id, WorkspaceState.RUNNING)
        && core.deploymentRepository.active(id).await().isEmpty());
    return core.workspace(id);
  }
}
