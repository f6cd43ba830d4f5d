package io.devsanctum.workspace;

import io.devsanctum.common.bus.Addresses;
import io.devsanctum.common.config.DevSanctumConfig;
import io.devsanctum.common.db.PgPools;
import io.devsanctum.common.db.SchemaMigrator;
import io.devsanctum.common.runtime.HealthResponder;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import java.util.Map;

/** Wiring of the workspace-service: templates, workspaces, deployments, the lifecycle orchestrator and the reconciler. */
public class WorkspaceVerticle extends VerticleBase {

  public static final String SCHEMA = "workspace";

  private final DevSanctumConfig config;
  private final MeterRegistry metrics;
  private Pool pool;

  public WorkspaceVerticle(DevSanctumConfig config, MeterRegistry metrics) {
    this.config = config;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    return SchemaMigrator.migrate(vertx, config.database(), SCHEMA).map(applied -> {
      pool = PgPools.create(vertx, config.database(), SCHEMA);
      HealthResponder.register(vertx, Addresses.WORKSPACE, Map.of("database", HealthResponder.database(pool)));
      return applied;
    });
  }

  @Override
  public Future<?> stop() {
    return pool == null ? Future.succeededFuture() : pool.close();
  }
}
