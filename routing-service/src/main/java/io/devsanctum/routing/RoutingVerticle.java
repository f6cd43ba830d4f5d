package io.devsanctum.routing;

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

/** Wiring of the routing-service: the route table and the Traefik HTTP-provider document. */
public class RoutingVerticle extends VerticleBase {

  public static final String SCHEMA = "routing";

  private final DevSanctumConfig config;
  private final MeterRegistry metrics;
  private Pool pool;

  public RoutingVerticle(DevSanctumConfig config, MeterRegistry metrics) {
    this.config = config;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    return SchemaMigrator.migrate(vertx, config.database(), SCHEMA).map(applied -> {
      pool = PgPools.create(vertx, config.database(), SCHEMA);
      HealthResponder.register(vertx, Addresses.ROUTING, Map.of("database", HealthResponder.database(pool)));
      return applied;
    });
  }

  @Override
  public Future<?> stop() {
    return pool == null ? Future.succeededFuture() : pool.close();
  }
}
