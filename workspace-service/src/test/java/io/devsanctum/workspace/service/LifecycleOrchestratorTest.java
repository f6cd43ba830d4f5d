package io.devsanctum.workspace.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.contract.audit.AuditAction;
import io.devsanctum.common.contract.workspace.Deployment;
import io.devsanctum.common.contract.workspace.DeploymentStatus;
import io.devsanctum.common.contract.workspace.DeploymentStep;
import io.devsanctum.common.contract.workspace.Initiator;
import io.devsanctum.common.contract.workspace.Template;
import io.devsanctum.common.contract.workspace.Transition;
import io.devsanctum.common.contract.workspace.Workspace;
import io.devsanctum.common.contract.workspace.WorkspaceAction;
import io.devsanctum.common.contract.workspace.WorkspaceSchedule;
import io.devsanctum.common.contract.workspace.WorkspaceState;
import io.devsanctum.common.domain.NoAnswerException;
import io.devsanctum.common.domain.UnavailableException;
import io.devsanctum.common.domain.UnprocessableException;
import io.devsanctum.workspace.TestAudit;
import io.devsanctum.workspace.WorkspaceCore;
import io.devsanctum.workspace.fake.FakeContainers;
import io.devsanctum.workspace.repository.DeploymentRepository;
import io.devsanctum.workspace.repository.WorkspaceRepository.UsageCheck;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The orchestrator on fakes: which steps a deployment runs and in what order, what a failing step
 * leaves, how an outage is waited out, and how another instance takes over a deployment whose
 * driver stopped renewing its claim.
 */
@ExtendWith(VertxExtension.class)
class LifecycleOrchestratorTest {

  private static final Duration PATIENCE = Duration.ofSeconds(20);

  private WorkspaceCore core;
  private Template template;
  private final Caller ada = WorkspaceCore.member("ada");

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
  void aFirstDeploymentRunsTheStartStepsInOrderThenTheWorkspaceRunsAndIsRouted() {
    Workspace created = core.workspaces.create(ada, template.id(), "first", Map.of()).await();

    await().atMost(PATIENCE).until(() -> core.isIn(created.id(), WorkspaceState.RUNNING));

    String id = created.id().toString();
    assertThat(core.containers.calls()).containsSubsequence("place", "checkImage", "ensureVolume " + id,
        "ensureNetwork " + id, "ensureContainer " + id, "start " + id);
    assertThat(core.routes.isRouted(created.id())).isTrue();
    Deployment first = core.deployment(created.id(), 1);
    assertThat(first.status()).isEqualTo(DeploymentStatus.SUCCEEDED);
    assertThat(core.log(created.id(), 1)).first().asString().startsWith("deployment #1 (start) started");
    assertThat(core.log(created.id(), 1)).last().asString().contains("succeeded").contains("workspace is RUNNING");
    assertThat(core.events.finished).extracting(Deployment::number).contains(1);
  }

  /** Lines are appended while the steps go on, yet one after another: each step's start, then its outcome. */
  @Test
  void aDeploymentsLogHasEachStepsLinesInTheOrderTheyHappenedEvenAcrossAWaitedOutOutage() {
    core.containers.failNext("ensureNetwork", 2, () -> new NoAnswerException("timeout on provisioner.ensureNetwork"));

    Workspace created = core.workspaces.create(ada, template.id(), "ordered", Map.of()).await();

    await().atMost(PATIENCE).until(() -> core.isIn(created.id(), WorkspaceState.RUNNING));
    List<String> log = core.log(created.id(), 1);
    List<String> steps = List.of("place", "ensure-volume", "ensure-network", "ensure-container", "start-container",
        "wait-healthy", "register-route");
    int at = 0;
    for (String step : steps) {
      int begun = log.indexOf(step + " ...");
      assertThat(begun).as("%s begins after the step before it ends", step).isGreaterThan(at - 1);
      at = begun + 1;
    }
    assertThat(log).first().asString().startsWith("deployment #1 (start) started");
    assertThat(log).last().asString().contains("succeeded");
    assertThat(log).filteredOn(line -> line.startsWith("continuing after an outage")).hasSize(1);
  }

  @ParameterizedTest(name = "{0} failing")
  @CsvSource({"ensureVolume, ensure-volume", "ensureNetwork, ensure-network", "ensureContainer, ensure-container",
      "start, start-container"})
  void aFailingStepFailsTheDeploymentNamingTheStepAndLeavesNoContainerRunning(String operation, String step) {
    core.containers.failNext(operation, 1, () -> new UnprocessableException("the fake host refuses " + operation));

    Workspace created = core.workspaces.create(ada, template.id(), "fails-" + step, Map.of()).await();

    await().atMost(PATIENCE).until(() -> core.isIn(created.id(), WorkspaceState.FAILED));
    Workspace failed = core.workspace(created.id());
    assertThat(failed.failureReason()).isEqualTo(step + ": the fake host refuses " + operation);
    assertThat(core.deployment(created.id(), 1).status()).isEqualTo(DeploymentStatus.FAILED);
    assertThat(core.routes.isRouted(created.id())).isFalse();
    FakeContainers.Container container = core.containers.containers().get(created.id().toString());
    assertThat(container == null || !container.running()).as("no container left running").isTrue();
  }

  @Test
  void aStepAfterTheContainerStartedThatFailsStopsTheContainerAgain() {
    core.routes.failNextRegisters(1, () -> new UnprocessableException("no free host name"));

    Workspace created = core.workspaces.create(ada, template.id(), "half-started", Map.of()).await();

    await().atMost(PATIENCE).until(() -> core.isIn(created.id(), WorkspaceState.FAILED));
    assertThat(core.workspace(created.id()).failureReason()).isEqualTo("register-route: no free host name");
    await().atMost(PATIENCE).until(() -> !core.containers.containers().get(created.id().toString()).running());
    assertThat(core.containers.callsNamed("stop")).hasSize(1);
  }

  @Test
  void aProvisionerThatDoesNotAnswerForAWhileIsWaitedOutAndTheLogSaysSo() {
    core.containers.failNext("ensureVolume", 2, () -> new NoAnswerException("timeout on provisioner.ensureVolume"));

    Workspace created = core.workspaces.create(ada, template.id(), "patient", Map.of()).await();

    await().atMost(PATIENCE).until(() -> core.isIn(created.id(), WorkspaceState.RUNNING));
    assertThat(core.containers.callsNamed("ensureVolume")).hasSize(3);
    assertThat(core.log(created.id(), 1))
        .anySatisfy(line -> assertThat(line).startsWith("continuing after an outage of")
            .endsWith("the provisioner service did not answer"));
  }

  @Test
  void aDockerHostThatIsDownFailsTheDeploymentWithTheHostsWords() {
    core.containers.failNext("ensureContainer", 1,
        () -> new UnavailableException("Docker host 'fake-host' is unreachable"));

    Workspace created = core.workspaces.create(ada, template.id(), "host-down", Map.of()).await();

    await().atMost(PATIENCE).until(() -> core.isIn(created.id(), WorkspaceState.FAILED));
    assertThat(core.workspace(created.id()).failureReason())
        .isEqualTo("ensure-container: Docker host 'fake-host' is unreachable");
  }

  @Test
  void anAppThatNeverAnswersFailsTheStartWhenItsStartupTimeoutRunsOut() {
    core.health.answersAfter(-1);

    Workspace created = core.workspaces.create(ada, template.id(), "silent", Map.of()).await();

    await().atMost(PATIENCE).until(() -> core.isIn(created.id(), WorkspaceState.FAILED));
    assertThat(core.workspace(created.id()).failureReason())
        .startsWith("wait-healthy: the app did not answer on http://fake-host.invalid:8080/healthz within 5 s");
  }

  @Test
  void anotherInstanceTakesOverADeploymentWhoseDriverDiedMidwayAndFinishesIt() {
    Deployment stranded = strandedAt(DeploymentStep.ENSURE_CONTAINER, "instance-dead");

    await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
        .until(() -> core.deploymentRepository.claimable("instance-a").await().stream()
            .anyMatch(d -> d.workspaceId().equals(stranded.workspaceId())));
    core.orchestrator().drive(core.deployment(stranded.workspaceId(), 1)).await();

    assertThat(core.workspace(stranded.workspaceId()).state()).isEqualTo(WorkspaceState.RUNNING);
    assertThat(core.log(stranded.workspaceId(), 1)).anySatisfy(line -> assertThat(line)
        .isEqualTo("taking over deployment #1 (start) at step ensure-container from instance instance-dead,"
            + " which stopped renewing its claim"));
    assertThat(core.containers.callsNamed("ensureVolume")).as("the steps done before are not repeated").isEmpty();
  }

  @Test
  void aRestartedInstanceResumesItsOwnDeploymentAtOnceWithoutWaitingForItsLease() {
    Deployment stranded = strandedAt(DeploymentStep.START_CONTAINER, "instance-a");

    core.orchestrator().drive(core.deployment(stranded.workspaceId(), 1)).await();

    assertThat(core.workspace(stranded.workspaceId()).state()).isEqualTo(WorkspaceState.RUNNING);
    assertThat(core.log(stranded.workspaceId(), 1)).anySatisfy(line -> assertThat(line)
        .isEqualTo("resuming deployment #1 (start) at step start-container: this instance was restarted while"
            + " driving it"));
  }

  /** A start deployment that {@code instance} claimed and drove up to {@code step}, then left (it died). */
  private Deployment strandedAt(DeploymentStep step, String instance) {
    OffsetDateTime now = OffsetDateTime.now();
    UUID version = template.activeVersion().id();
    Workspace workspace = new Workspace(UUID.randomUUID(), ada.userId(), "ada", "stranded-" + step.label(),
        template.id(), version, Map.of(), WorkspaceState.PENDING, null, FakeContainers.HOST, "owner", now, now, null,
        WorkspaceSchedule.NONE, null, null, null, null);
    Deployment first = new Deployment(workspace.id(), 1, Transition.START, version, ada.userId(),
        DeploymentStatus.PENDING, DeploymentStep.PLACE, null, now, null, null, Initiator.USER, null, null, null);
    core.workspaceRepository.insert(workspace, first, UsageCheck.NONE,
        TestAudit.of(AuditAction.WORKSPACE_CREATE, workspace.id())).await();
    DeploymentRepository.Claim dead = new DeploymentRepository.Claim(instance, UUID.randomUUID());
    core.deploymentRepository.claim(workspace.id(), 1, dead, Duration.ofSeconds(1)).await();
    core.deploymentRepository.advance(workspace.id(), 1, step, dead).await();
    if (step.ordinal() > DeploymentStep.ENSURE_CONTAINER.ordinal()) {
      core.containers.ensureContainer(workspace, template.activeVersion().spec(), Map.of()).await();
    }
    return core.deployment(workspace.id(), 1);
  }

  @Test
  void aStopAfterARunDeregistersTheRoutesButKeepsThemAndStopsTheContainer() {
    Workspace created = core.workspaces.create(ada, template.id(), "stopped", Map.of()).await();
    await().atMost(PATIENCE).until(() -> core.isIn(created.id(), WorkspaceState.RUNNING));

    core.workspaces.transition(ada, created.id(), WorkspaceAction.STOP).await();

    await().atMost(PATIENCE).until(() -> core.isIn(created.id(), WorkspaceState.STOPPED));
    assertThat(core.routes.hasRoutes(created.id())).as("host names kept").isTrue();
    assertThat(core.routes.isRouted(created.id())).isFalse();
    assertThat(core.containers.containers().get(created.id().toString()).running()).isFalse();
  }
}
