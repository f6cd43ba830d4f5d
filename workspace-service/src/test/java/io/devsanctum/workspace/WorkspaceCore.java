package io.devsanctum.workspace;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.config.DatabaseConfig;
import io.devsanctum.common.contract.auth.Role;
import io.devsanctum.common.contract.workspace.AppPort;
import io.devsanctum.common.contract.workspace.Deployment;
import io.devsanctum.common.contract.workspace.DeploymentLogLine;
import io.devsanctum.common.contract.workspace.NewTemplate;
import io.devsanctum.common.contract.workspace.Template;
import io.devsanctum.common.contract.workspace.TemplateSchedule;
import io.devsanctum.common.contract.workspace.TemplateSpec;
import io.devsanctum.common.contract.workspace.Workspace;
import io.devsanctum.common.contract.workspace.WorkspaceState;
import io.devsanctum.common.db.PgPools;
import io.devsanctum.common.db.SchemaMigrator;
import io.devsanctum.common.testkit.MutableClock;
import io.devsanctum.common.testkit.TestDatabase;
import io.devsanctum.workspace.fake.FakeContainers;
import io.devsanctum.workspace.fake.FakeHealthProbe;
import io.devsanctum.workspace.fake.FakeRouting;
import io.devsanctum.workspace.fake.FakeUserDirectory;
import io.devsanctum.workspace.fake.RecordingEvents;
import io.devsanctum.workspace.repository.DeploymentRepository;
import io.devsanctum.workspace.repository.pg.PgDeploymentRepository;
import io.devsanctum.workspace.repository.pg.PgQuotaRepository;
import io.devsanctum.workspace.repository.pg.PgTemplateRepository;
import io.devsanctum.workspace.repository.pg.PgWorkspaceRepository;
import io.devsanctum.workspace.service.DeploymentLog;
import io.devsanctum.workspace.service.LifecycleOrchestrator;
import io.devsanctum.workspace.service.QuotaService;
import io.devsanctum.workspace.service.Reconciler;
import io.devsanctum.workspace.service.TemplateService;
import io.devsanctum.workspace.service.WorkspaceActivity;
import io.devsanctum.workspace.service.WorkspaceScheduler;
import io.devsanctum.workspace.service.WorkspaceSchedules;
import io.devsanctum.workspace.service.WorkspaceService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * workspace-service's core on a real (embedded) PostgreSQL with fakes for everything outside it:
 * the provisioner ({@link FakeContainers}), the route table, the app health probe and the event
 * publisher. Nothing here needs Docker or another service; tests drive the services directly.
 */
public final class WorkspaceCore implements AutoCloseable {

  public static final Caller ADMIN = new Caller(UUID.randomUUID(), Role.OWNER, "root");
  static final Duration LEASE = Duration.ofSeconds(2);

  public final Vertx vertx;
  public final FakeContainers containers = new FakeContainers();
  public final FakeRouting routes = new FakeRouting();
  public final FakeUserDirectory users = new FakeUserDirectory();
  public final FakeHealthProbe health = new FakeHealthProbe(0);
  public final RecordingEvents events = new RecordingEvents();
  public final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
  public final PgWorkspaceRepository workspaceRepository;
  public final PgDeploymentRepository deploymentRepository;
  public final PgQuotaRepository quotaRepository;
  public final TemplateService templates;
  public final QuotaService quotas;
  public final WorkspaceService workspaces;
  public final Reconciler reconciler;
  /** What activity, deadlines and schedules are measured by; tests move it. */
  public final MutableClock clock = new MutableClock();
  public final WorkspaceActivity activity;
  public final WorkspaceSchedules schedules;
  public final WorkspaceScheduler scheduler;
  private final Pool pool;
  private final PgTemplateRepository templateRepository;
  private final LifecycleOrchestrator orchestrator;

  public WorkspaceCore(Vertx vertx) {
    this.vertx = vertx;
    DatabaseConfig database = TestDatabase.freshDatabase();
    SchemaMigrator.migrate(vertx, database, WorkspaceVerticle.SCHEMA).await();
    pool = PgPools.create(vertx, database, "workspace-core-test");
    workspaceRepository = new PgWorkspaceRepository(pool, clock);
    deploymentRepository = new PgDeploymentRepository(pool);
    quotaRepository = new PgQuotaRepository(pool);
    templateRepository = new PgTemplateRepository(pool);
    templates = new TemplateService(templateRepository, containers);
    quotas = new QuotaService(quotaRepository, workspaceRepository, users);
    orchestrator = orchestrator("instance-a");
    workspaces = new WorkspaceService(workspaceRepository, deploymentRepository, templates, quotas, containers,
        orchestrator, routes, events);
    reconciler = new Reconciler(workspaceRepository, deploymentRepository, containers, routes, templates,
        orchestrator, events, metrics);
    activity = new WorkspaceActivity(workspaceRepository, events, clock, metrics);
    schedules = new WorkspaceSchedules(workspaces, workspaceRepository, templates, events, clock);
    scheduler = scheduler(orchestrator);
  }

  /** A scheduler driving its deployments with {@code orchestrator} (another instance's, say), on the same clock. */
  public WorkspaceScheduler scheduler(LifecycleOrchestrator orchestrator) {
    return new WorkspaceScheduler(workspaceRepository, templates, templateRepository, quotas, orchestrator,
        new DeploymentLog(deploymentRepository, events), events, clock, metrics);
  }

  public LifecycleOrchestrator orchestrator() {
    return orchestrator;
  }

  /** Another instance's orchestrator on the same database and fakes (a second workspace-service). */
  public LifecycleOrchestrator orchestrator(String instanceId) {
    return new LifecycleOrchestrator(vertx, workspaceRepository, deploymentRepository, templates, containers, routes,
        health, new DeploymentLog(deploymentRepository, events), events, metrics,
        new DeploymentRepository.Claim(instanceId, UUID.randomUUID()), LEASE);
  }

  /** A member of the platform (workspace-service knows users only as callers). */
  public static Caller member(String username) {
    return new Caller(UUID.randomUUID(), Role.MEMBER, username);
  }

  /** A template of one default app on port 8080 probed at /healthz. */
  public Template template(String name) {
    return template(name, null);
  }

  /** As {@link #template(String)}, with a schedule (null: the defaults). */
  public Template template(String name, TemplateSchedule schedule) {
    return templates.create(ADMIN, new NewTemplate(name, null, null, null, new TemplateSpec(
        "devsanctum/workspace-minimal:latest", null, List.of(), List.of(), Map.of(), null,
        List.of(new AppPort("web", 8080, true, "/healthz")), 250, 64, 64, 5, List.of()), schedule)).await();
  }

  public Workspace workspace(UUID workspaceId) {
    return workspaceRepository.find(workspaceId).await().orElseThrow();
  }

  public Deployment deployment(UUID workspaceId, int number) {
    return deploymentRepository.find(workspaceId, number).await().orElseThrow();
  }

  public List<String> log(UUID workspaceId, int number) {
    return deploymentRepository.logs(workspaceId, number, 0).await().stream().map(DeploymentLogLine::message).toList();
  }

  public boolean isIn(UUID workspaceId, WorkspaceState state) {
    return workspace(workspaceId).state() == state;
  }

  @Override
  public void close() {
    pool.close().await();
  }
}
