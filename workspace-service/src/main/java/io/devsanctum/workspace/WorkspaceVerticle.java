package io.devsanctum.workspace;

import io.devsanctum.common.bus.Addresses;
import io.devsanctum.common.bus.TypedBus;
import io.devsanctum.common.config.DevSanctumConfig;
import io.devsanctum.common.contract.audit.AuditContract;
import io.devsanctum.common.contract.workspace.WorkspaceContract;
import io.devsanctum.common.db.PgPools;
import io.devsanctum.common.db.SchemaMigrator;
import io.devsanctum.common.runtime.BackgroundWork;
import io.devsanctum.common.runtime.HealthResponder;
import io.devsanctum.common.runtime.InstanceIdentity;
import io.devsanctum.workspace.config.WorkspaceConfig;
import io.devsanctum.workspace.controller.AuditEndpoint;
import io.devsanctum.workspace.controller.WorkspaceEndpoint;
import io.devsanctum.workspace.infrastructure.bus.BusUserDirectory;
import io.devsanctum.workspace.infrastructure.bus.BusWorkspaceContainers;
import io.devsanctum.workspace.infrastructure.bus.BusWorkspaceEvents;
import io.devsanctum.workspace.infrastructure.bus.BusWorkspaceRouting;
import io.devsanctum.workspace.infrastructure.http.WebClientHealthProbe;
import io.devsanctum.workspace.repository.DeploymentRepository;
import io.devsanctum.workspace.repository.pg.PgAuditLog;
import io.devsanctum.workspace.repository.pg.PgDeploymentRepository;
import io.devsanctum.workspace.repository.pg.PgQuotaRepository;
import io.devsanctum.workspace.repository.pg.PgTemplateRepository;
import io.devsanctum.workspace.repository.pg.PgWorkspaceRepository;
import io.devsanctum.workspace.service.AuditService;
import io.devsanctum.workspace.service.DeploymentLog;
import io.devsanctum.workspace.service.LifecycleOrchestrator;
import io.devsanctum.workspace.service.QuotaService;
import io.devsanctum.workspace.service.Reconciler;
import io.devsanctum.workspace.service.TemplateSeeder;
import io.devsanctum.workspace.service.TemplateService;
import io.devsanctum.workspace.service.WorkspaceActivity;
import io.devsanctum.workspace.service.WorkspaceScheduler;
import io.devsanctum.workspace.service.WorkspaceSchedules;
import io.devsanctum.workspace.service.WorkspaceMetrics;
import io.devsanctum.workspace.service.WorkspaceService;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wiring of the workspace-service: templates, workspaces, the lifecycle orchestrator and the reconciler. */
public class WorkspaceVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(WorkspaceVerticle.class);
  public static final String SCHEMA = "workspace";
  private static final long RETENTION_PASS_MS = 3_600_000;

  private final DevSanctumConfig config;
  private final MeterRegistry metrics;
  private final Clock clock;
  private Pool pool;
  private InstanceIdentity identity;

  public WorkspaceVerticle(DevSanctumConfig config, MeterRegistry metrics) {
    this(config, metrics, Clock.systemUTC());
  }

  /** {@code clock}: what activity, deadlines and schedules are measured by. */
  public WorkspaceVerticle(DevSanctumConfig config, MeterRegistry metrics, Clock clock) {
    this.config = config;
    this.metrics = metrics;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    WorkspaceConfig settings = WorkspaceConfig.from(config.env());
    return SchemaMigrator.migrate(vertx, config.database(), SCHEMA).compose(applied -> vertx.executeBlocking(
        () -> InstanceIdentity.claim(config.dataDir(), SCHEMA))).compose(claimed -> {
      identity = claimed;
      pool = PgPools.create(vertx, config.database(), SCHEMA);
      var workspaceRepository = new PgWorkspaceRepository(pool, clock);
      var deploymentRepository = new PgDeploymentRepository(pool);
      var templateRepository = new PgTemplateRepository(pool);
      var events = new BusWorkspaceEvents(vertx);
      var containers = new BusWorkspaceContainers(vertx, settings.provisionerTimeout());
      var routes = new BusWorkspaceRouting(vertx);
      var templates = new TemplateService(templateRepository, containers);
      var quotas = new QuotaService(new PgQuotaRepository(pool), workspaceRepository, new BusUserDirectory(vertx));
      var orchestrator = new LifecycleOrchestrator(vertx, workspaceRepository, deploymentRepository, templates,
          containers, routes, new WebClientHealthProbe(vertx), new DeploymentLog(deploymentRepository, events),
          events, metrics, new DeploymentRepository.Claim(identity.id(), UUID.randomUUID()), settings.deploymentLease());
      var workspaces = new WorkspaceService(workspaceRepository, deploymentRepository, templates, quotas,
          containers, orchestrator, routes, events);
      var reconciler = new Reconciler(workspaceRepository, deploymentRepository, containers, routes, templates,
          orchestrator, events, metrics);

      var activity = new WorkspaceActivity(workspaceRepository, events, clock, metrics);
      var schedules = new WorkspaceSchedules(workspaces, workspaceRepository, templates, events, clock);
      var scheduler = new WorkspaceScheduler(workspaceRepository, templates, templateRepository, quotas, orchestrator,
          new DeploymentLog(deploymentRepository, events), events, clock, metrics);

      TypedBus.serve(vertx, WorkspaceContract.class,
          new WorkspaceEndpoint(templates, workspaces, quotas, activity, schedules),
          TypedBus.FailureTranslator.NONE);
      var audit = new AuditService(new PgAuditLog(pool), settings.auditRetention(), clock);
      TypedBus.serve(vertx, AuditContract.class, new AuditEndpoint(audit), TypedBus.FailureTranslator.NONE);
      // hourly: the cutoff moves slowly, and a missed pass only keeps records a little longer
      vertx.setPeriodic(10_000, RETENTION_PASS_MS, id -> audit.applyRetention()
          .onFailure(e -> BackgroundWork.failed(vertx, LOG, "audit retention", e)));
      HealthResponder.register(vertx, Addresses.WORKSPACE, Map.of("database", HealthResponder.database(pool)));
      new WorkspaceMetrics(workspaceRepository, metrics).start(vertx);

      vertx.setPeriodic(settings.reconcileInterval().toMillis(), settings.reconcileInterval().toMillis(),
          id -> reconciler.reconcile().onFailure(e -> BackgroundWork.failed(vertx, LOG, "reconciler pass", e)));
      // the first pass waits until the other services had a moment to come up
      vertx.setTimer(2000, id -> reconciler.reconcile()
          .onFailure(e -> BackgroundWork.failed(vertx, LOG, "start-up reconciliation", e)));
      // deadlines and autostart times are stored, so a pass after a restart acts on those that passed meanwhile
      long schedulePass = settings.scheduleInterval().toMillis();
      vertx.setPeriodic(schedulePass, schedulePass, id -> scheduler.runOnce()
          .onFailure(e -> BackgroundWork.failed(vertx, LOG, "scheduler pass", e)));
      // stranded deployments (this instance's own before it restarted, or a dead instance's) go on
      // within a lease, without waiting for a reconciler pass
      long scan = orchestrator.renewInterval().toMillis();
      vertx.setPeriodic(scan, scan, id -> reconciler.resumeStrandedDeployments()
          .onFailure(e -> BackgroundWork.failed(vertx, LOG, "resuming stranded deployments", e)));
      return settings.seedTemplates()
          ? new TemplateSeeder(templateRepository, templates).seedIfEmpty()
          : Future.succeededFuture();
    });
  }

  @Override
  public Future<?> stop() {
    if (identity != null) {
      identity.close();
    }
    return pool == null ? Future.succeededFuture() : pool.close();
  }
}
