package io.devsanctum.workspace.repository.pg;

import io.devsanctum.common.contract.audit.AuditAction;
import io.devsanctum.workspace.TestAudit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devsanctum.common.config.DatabaseConfig;
import io.devsanctum.common.contract.workspace.AppPort;
import io.devsanctum.common.contract.workspace.Deployment;
import io.devsanctum.common.contract.workspace.DeploymentStatus;
import io.devsanctum.common.contract.workspace.DeploymentStep;
import io.devsanctum.common.contract.workspace.Initiator;
import io.devsanctum.common.contract.workspace.TemplateSchedule;
import io.devsanctum.common.contract.workspace.TemplateSpec;
import io.devsanctum.common.contract.workspace.TemplateVersion;
import io.devsanctum.common.contract.workspace.Transition;
import io.devsanctum.common.contract.workspace.Workspace;
import io.devsanctum.common.contract.workspace.WorkspaceSchedule;
import io.devsanctum.common.contract.workspace.WorkspaceState;
import io.devsanctum.common.db.PgPools;
import io.devsanctum.common.db.SchemaMigrator;
import io.devsanctum.common.testkit.TestDatabase;
import io.devsanctum.workspace.WorkspaceVerticle;
import io.devsanctum.workspace.model.StoredTemplate;
import io.devsanctum.workspace.repository.ClaimLostException;
import io.devsanctum.workspace.repository.DeploymentRepository.Claim;
import io.devsanctum.workspace.repository.WorkspaceRepository.UsageCheck;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rules that let a deployment survive any crash, on a real PostgreSQL: who may claim it, that
 * only the run holding the claim writes, and that a restart's start half begins with the end of its
 * stop half.
 */
class DeploymentClaimsTest {

  private static final Duration LEASE = Duration.ofSeconds(60);

  private final Vertx vertx = Vertx.vertx();
  private Pool pool;
  private PgWorkspaceRepository workspaces;
  private PgDeploymentRepository deployments;
  private UUID versionId;
  private Deployment first;

  @BeforeEach
  void prepare() {
    DatabaseConfig database = TestDatabase.freshDatabase();
    SchemaMigrator.migrate(vertx, database, WorkspaceVerticle.SCHEMA).await();
    pool = PgPools.create(vertx, database, "claims-test");
    workspaces = new PgWorkspaceRepository(pool, Clock.systemUTC());
    deployments = new PgDeploymentRepository(pool);
    UUID templateId = UUID.randomUUID();
    UUID admin = UUID.randomUUID();
    versionId = UUID.randomUUID();
    OffsetDateTime now = OffsetDateTime.now();
    TemplateSpec spec = new TemplateSpec("devsanctum/workspace-minimal:latest", null, List.of(), List.of(), Map.of(),
        "/home/coder", List.of(new AppPort("web", 8080, true, "/healthz")), 100, 64, 32, 30, List.of());
    new PgTemplateRepository(pool).insert(
        new StoredTemplate(templateId, "minimal", "", "", "", versionId, null, admin, now, now, TemplateSchedule.DEFAULT),
        new TemplateVersion(versionId, templateId, 1, spec, admin, now),
        TestAudit.of(AuditAction.TEMPLATE_CREATE, templateId)).await();
    Workspace workspace = new Workspace(UUID.randomUUID(), admin, "root", "claimed", templateId, versionId, Map.of(),
        WorkspaceState.PENDING, null, "local", "owner", now, now, null, WorkspaceSchedule.NONE, null, null, null, null);
    first = new Deployment(workspace.id(), 1, Transition.START, versionId, admin, DeploymentStatus.PENDING,
        DeploymentStep.PLACE, null, now, null, null, Initiator.USER, null, null, null);
    workspaces.insert(workspace, first, UsageCheck.NONE, TestAudit.of(AuditAction.WORKSPACE_CREATE, workspace.id())).await();
  }

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void aRestartedInstanceTakesItsOwnDeploymentBackAtOnceAndItsEarlierRunCanNoLongerWrite() {
    Claim before = new Claim("node/workspace-0/a", UUID.randomUUID());
    Claim afterRestart = new Claim(before.instanceId(), UUID.randomUUID());
    Claim other = new Claim("node/workspace-1/b", UUID.randomUUID());
    assertThat(deployments.claim(first.workspaceId(), 1, before, LEASE).await()).isTrue();

    assertThat(deployments.claim(first.workspaceId(), 1, other, LEASE).await()).as("a live lease is respected").isFalse();
    assertThat(deployments.claimable(other.instanceId()).await()).isEmpty();
    assertThat(deployments.claimable(before.instanceId()).await()).as("the same instance, restarted, finds it")
        .extracting(Deployment::claimedBy).containsExactly(before.instanceId());
    assertThat(deployments.claim(first.workspaceId(), 1, afterRestart, LEASE).await()).isTrue();

    assertThat(deployments.advance(first.workspaceId(), 1, DeploymentStep.ENSURE_VOLUME, before).await()).isFalse();
    assertThat(deployments.renew(first.workspaceId(), 1, before, LEASE).await()).isFalse();
    assertThatThrownBy(() -> workspaces.finishDeployment(first, before, DeploymentStatus.SUCCEEDED,
        WorkspaceState.RUNNING, null).await())
        .isInstanceOf(ClaimLostException.class);
    assertThat(workspaces.find(first.workspaceId()).await().orElseThrow().state())
        .as("the run that lost its claim changed nothing").isEqualTo(WorkspaceState.PENDING);

    assertThat(deployments.advance(first.workspaceId(), 1, DeploymentStep.ENSURE_VOLUME, afterRestart).await()).isTrue();
    workspaces.finishDeployment(first, afterRestart, DeploymentStatus.SUCCEEDED, WorkspaceState.RUNNING, null).await();
    assertThat(workspaces.find(first.workspaceId()).await().orElseThrow().state()).isEqualTo(WorkspaceState.RUNNING);
  }

  @Test
  void aDeadInstancesDeploymentIsTakenOverOnceItsLeaseRunsOut() throws Exception {
    Claim dead = new Claim("node/workspace-0/a", UUID.randomUUID());
    Claim survivor = new Claim("other/workspace-0/b", UUID.randomUUID());
    assertThat(deployments.claim(first.workspaceId(), 1, dead, Duration.ofMillis(300)).await()).isTrue();

    Thread.sleep(500);

    assertThat(deployments.claimable(survivor.instanceId()).await()).extracting(Deployment::claimedBy)
        .containsExactly(dead.instanceId());
    assertThat(deployments.claim(first.workspaceId(), 1, survivor, LEASE).await()).isTrue();
    assertThat(deployments.renew(first.workspaceId(), 1, dead, LEASE).await()).isFalse();
  }

  @Test
  void theStartHalfOfARestartBeginsInTheTransactionThatEndsItsStopHalf() {
    Claim claim = new Claim("node/workspace-0/a", UUID.randomUUID());
    deployments.claim(first.workspaceId(), 1, claim, LEASE).await();
    workspaces.finishDeployment(first, claim, DeploymentStatus.SUCCEEDED, WorkspaceState.RUNNING, null).await();
    Deployment stop = workspaces.beginTransition(first.workspaceId(), Transition.STOP, first.initiatorId(), versionId,
        versionId, UsageCheck.NONE, null).await().orElseThrow();
    assertThat(stop.thenStartVersionId()).isEqualTo(versionId);
    deployments.claim(first.workspaceId(), stop.number(), claim, LEASE).await();

    Deployment start = workspaces.finishDeployment(stop, claim, DeploymentStatus.SUCCEEDED, WorkspaceState.STOPPED, null)
        .await().orElseThrow();

    assertThat(start.transition()).isEqualTo(Transition.START);
    assertThat(start.number()).isEqualTo(stop.number() + 1);
    assertThat(start.status()).isEqualTo(DeploymentStatus.PENDING);
    assertThat(workspaces.find(first.workspaceId()).await().orElseThrow().state()).isEqualTo(WorkspaceState.STARTING);
    assertThat(deployments.claimable("anyone").await()).extracting(Deployment::number).containsExactly(start.number());
  }

  @Test
  void aFailedStopHalfEndsTheRestartFailedWithoutItsStart() {
    Claim claim = new Claim("node/workspace-0/a", UUID.randomUUID());
    deployments.claim(first.workspaceId(), 1, claim, LEASE).await();
    workspaces.finishDeployment(first, claim, DeploymentStatus.SUCCEEDED, WorkspaceState.RUNNING, null).await();
    Deployment stop = workspaces.beginTransition(first.workspaceId(), Transition.STOP, first.initiatorId(), versionId,
        versionId, UsageCheck.NONE, null).await().orElseThrow();
    deployments.claim(first.workspaceId(), stop.number(), claim, LEASE).await();

    assertThat(workspaces.finishDeployment(stop, claim, DeploymentStatus.FAILED, WorkspaceState.FAILED,
        "stop-container: Docker host 'local' is unhealthy").await()).isEmpty();

    assertThat(workspaces.find(first.workspaceId()).await().orElseThrow().state()).isEqualTo(WorkspaceState.FAILED);
    assertThat(deployments.claimable("anyone").await()).isEmpty();
  }
}
