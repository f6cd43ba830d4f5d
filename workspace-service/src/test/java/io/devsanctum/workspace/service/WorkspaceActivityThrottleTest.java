package io.devsanctum.workspace.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.contract.workspace.Workspace;
import io.devsanctum.common.contract.workspace.WorkspaceState;
import io.devsanctum.common.domain.ForbiddenException;
import io.devsanctum.workspace.WorkspaceCore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.assertj.core.data.TemporalUnitOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Activity reports on a real PostgreSQL: at most one write per workspace per minute, whoever reports. */
@ExtendWith(VertxExtension.class)
class WorkspaceActivityThrottleTest {

  private static final Caller GATEWAY = Caller.service("gateway");

  private WorkspaceCore core;
  private Workspace workspace;

  @BeforeEach
  void start(Vertx vertx) {
    core = new WorkspaceCore(vertx);
    workspace = core.workspaces.create(WorkspaceCore.member("ada"), core.template("minimal").id(), "used", Map.of())
        .await();
    await().atMost(Duration.ofSeconds(20)).until(() -> core.isIn(workspace.id(), WorkspaceState.RUNNING));
  }

  @AfterEach
  void stop() {
    core.close();
  }

  @Test
  void aFinishedStartCountsAsUse() {
    assertThat(core.workspace(workspace.id()).lastUsedAt()).isCloseTo(OffsetDateTime.now(core.clock), within());
  }

  @Test
  void aThousandConcurrentReportsFromTwoInstancesWithinAMinuteWriteOnce() {
    // a second workspace-service instance on the same database
    WorkspaceActivity other = new WorkspaceActivity(core.workspaceRepository, core.events, core.clock, core.metrics);
    core.clock.advance(WorkspaceActivity.WINDOW); // the start counted as use; the reports come a window later
    OffsetDateTime first = OffsetDateTime.now(core.clock);
    List<Future<Void>> reports = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      reports.add((i % 2 == 0 ? core.activity : other).record(GATEWAY, workspace.id()));
      if (i % 100 == 99) {
        core.clock.advance(Duration.ofSeconds(5)); // the thousand reports span 50 s of the clock
      }
    }
    Future.all(reports).await();

    assertThat(writes()).isEqualTo(1);
    assertThat(core.workspace(workspace.id()).lastUsedAt()).isCloseTo(first, within());

    core.clock.advance(Duration.ofSeconds(10)); // a minute after the write
    core.activity.record(GATEWAY, workspace.id()).await();
    assertThat(writes()).isEqualTo(2);
    assertThat(core.workspace(workspace.id()).lastUsedAt()).isCloseTo(OffsetDateTime.now(core.clock), within());
  }

  @Test
  void aReportForAnUnknownWorkspaceWritesNothing() {
    core.activity.record(GATEWAY, UUID.randomUUID()).await();
    assertThat(writes()).isZero();
  }

  @Test
  void onlyServicesReportActivity() {
    OffsetDateTime started = core.workspace(workspace.id()).lastUsedAt();
    core.clock.advance(Duration.ofMinutes(5));
    assertThatThrownBy(() -> core.activity.record(WorkspaceCore.member("ada"), workspace.id()).await())
        .isInstanceOf(ForbiddenException.class);
    assertThat(core.workspace(workspace.id()).lastUsedAt()).isEqualTo(started);
  }

  private double writes() {
    return core.metrics.get("devsanctum.workspace.activity.writes").counter().count();
  }

  /** The database keeps microseconds. */
  private static TemporalUnitOffset within() {
    return Assertions.within(1, ChronoUnit.MILLIS);
  }
}
