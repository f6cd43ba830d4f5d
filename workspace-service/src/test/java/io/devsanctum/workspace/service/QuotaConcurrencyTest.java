package io.devsanctum.workspace.service;

import io.devsanctum.common.contract.audit.AuditAction;
import io.devsanctum.workspace.TestAudit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.contract.workspace.AppPort;
import io.devsanctum.common.contract.workspace.Quota;
import io.devsanctum.common.contract.workspace.Template;
import io.devsanctum.common.contract.workspace.TemplateChanges;
import io.devsanctum.common.contract.workspace.TemplateSpec;
import io.devsanctum.common.contract.workspace.Workspace;
import io.devsanctum.common.contract.workspace.WorkspaceAction;
import io.devsanctum.common.contract.workspace.WorkspaceState;
import io.devsanctum.common.domain.ConflictException;
import io.devsanctum.workspace.WorkspaceCore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A quota holds however many requests race for it (the check and the write are one transaction, one
 * owner's at a time), and through restarts and updates, which keep what they hold while they stop.
 */
@ExtendWith(VertxExtension.class)
class QuotaConcurrencyTest {

  private static final Duration PATIENCE = Duration.ofSeconds(10);

  private WorkspaceCore core;

  @BeforeEach
  void start(Vertx vertx) {
    core = new WorkspaceCore(vertx);
  }

  @AfterEach
  void stop() {
    core.close();
  }

  @Test
  void twentyConcurrentCreatesAgainstAQuotaOfThreeLeaveExactlyThreeWorkspaces() {
    core.health.answersAfter(-1); // the workspaces stay STARTING: only their rows count here
    Template template = core.template("quota-race");
    Caller ada = WorkspaceCore.member("ada");
    core.quotaRepository.save(new Quota(ada.userId(), 3, null, null),
        TestAudit.of(AuditAction.USER_QUOTA_CHANGE, ada.userId())).await();

    List<Future<Workspace>> creates = IntStream.range(0, 20)
        .mapToObj(i -> core.workspaces.create(ada, template.id(), "ws-" + i, Map.of()))
        .toList();
    Future.join(creates).otherwiseEmpty().await();

    assertThat(creates).filteredOn(Future::succeeded).hasSize(3);
    assertThat(creates).filteredOn(Future::failed).hasSize(17)
        .allSatisfy(refused -> assertThat(refused.cause()).isInstanceOf(ConflictException.class)
            .hasMessageStartingWith("quota exceeded: max_workspaces is 3"));
    assertThat(core.workspaceRepository.usage(ada.userId()).await().workspaces()).isEqualTo(3);
  }

  @Test
  void startsThatTogetherWouldExceedTheCpuQuotaAreRefusedBeyondIt() {
    core.health.answersAfter(-1);
    Template template = core.template("cpu-race");
    Caller ben = WorkspaceCore.member("ben");
    // the template asks 250 millicores: two may run at once
    core.quotaRepository.save(new Quota(ben.userId(), null, 500, null),
        TestAudit.of(AuditAction.USER_QUOTA_CHANGE, ben.userId())).await();

    List<Future<Workspace>> creates = IntStream.range(0, 6)
        .mapToObj(i -> core.workspaces.create(ben, template.id(), "cpu-" + i, Map.of()))
        .toList();
    Future.join(creates).otherwiseEmpty().await();

    assertThat(creates).filteredOn(Future::succeeded).hasSize(2);
    assertThat(creates).filteredOn(Future::failed)
        .allSatisfy(refused -> assertThat(refused.cause()).hasMessageStartingWith("quota exceeded: max_cpu_millis is 500"));
  }

  @Test
  void aRestartHoldsItsResourcesThroughItsStopSoNoOtherStartTakesThem() {
    Template template = core.template("restart-holds");
    Caller cy = WorkspaceCore.member("cy");
    Workspace a = core.workspaces.create(cy, template.id(), "a", Map.of()).await();
    Workspace b = core.workspaces.create(cy, template.id(), "b", Map.of()).await();
    await().atMost(PATIENCE).until(() -> core.isIn(a.id(), WorkspaceState.RUNNING) && core.isIn(b.id(), WorkspaceState.RUNNING));
    core.workspaces.transition(cy, b.id(), WorkspaceAction.STOP).await();
    await().atMost(PATIENCE).until(() -> core.isIn(b.id(), WorkspaceState.STOPPED));
    core.quotaRepository.save(new Quota(cy.userId(), null, 250, null),
        TestAudit.of(AuditAction.USER_QUOTA_CHANGE, cy.userId())).await(); // room for one of them

    Promise<Void> stopping = core.containers.holdNext("stop");
    core.workspaces.transition(cy, a.id(), WorkspaceAction.RESTART).await();
    await().atMost(PATIENCE).until(() -> core.isIn(a.id(), WorkspaceState.STOPPING));

    Future<Workspace> startOfB = core.workspaces.transition(cy, b.id(), WorkspaceAction.START);
    Future.join(List.of(startOfB)).otherwiseEmpty().await();
    stopping.complete();

    assertThat(startOfB.cause()).isInstanceOf(ConflictException.class)
        .hasMessageStartingWith("quota exceeded: max_cpu_millis is 250");
    await().atMost(PATIENCE).until(() -> core.isIn(a.id(), WorkspaceState.RUNNING));
    assertThat(core.workspace(b.id()).state()).isEqualTo(WorkspaceState.STOPPED);
  }

  @Test
  void anUpdateToAVersionBeyondTheQuotaIsRefusedAndTheWorkspaceKeepsRunning() {
    Template template = core.template("grows");
    Caller di = WorkspaceCore.member("di");
    Workspace running = core.workspaces.create(di, template.id(), "grows", Map.of()).await();
    await().atMost(PATIENCE).until(() -> core.isIn(running.id(), WorkspaceState.RUNNING));
    core.quotaRepository.save(new Quota(di.userId(), null, 300, null),
        TestAudit.of(AuditAction.USER_QUOTA_CHANGE, di.userId())).await();
    core.templates.update(WorkspaceCore.ADMIN, template.id(), new TemplateChanges(null, null, null, new TemplateSpec(
        "devsanctum/workspace-minimal:latest", null, List.of(), List.of(), Map.of(), null,
        List.of(new AppPort("web", 8080, true, "/healthz")), 500, 64, 64, 5, List.of()), null)).await();

    Future<Workspace> update = core.workspaces.transition(di, running.id(), WorkspaceAction.UPDATE);
    Future.join(List.of(update)).otherwiseEmpty().await();

    assertThat(update.cause()).isInstanceOf(ConflictException.class)
        .hasMessageContaining("max_cpu_millis is 300").hasMessageContaining("needs 500");
    Workspace after = core.workspace(running.id());
    assertThat(after.state()).isEqualTo(WorkspaceState.RUNNING);
    assertThat(after.templateVersionId()).isEqualTo(running.templateVersionId());
  }
}
