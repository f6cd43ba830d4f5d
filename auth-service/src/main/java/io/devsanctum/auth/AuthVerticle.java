package io.devsanctum.auth;

import io.devsanctum.auth.controller.SetupController;
import io.devsanctum.auth.repository.pg.PgUserRepository;
import io.devsanctum.auth.service.PasswordHasher;
import io.devsanctum.auth.service.SetupService;
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

/** Wiring of the auth-service: schema, pool, repositories, services, controllers. */
public class AuthVerticle extends VerticleBase {

  public static final String SCHEMA = "auth";

  private final DevSanctumConfig config;
  private final MeterRegistry metrics;
  private Pool pool;

  public AuthVerticle(DevSanctumConfig config, MeterRegistry metrics) {
    this.config = config;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    return SchemaMigrator.migrate(vertx, config.database(), SCHEMA).map(applied -> {
      pool = PgPools.create(vertx, config.database(), SCHEMA);
      var users = new PgUserRepository(pool);
      var hasher = new PasswordHasher(vertx);
      new SetupController(new SetupService(users, hasher)).register(vertx);
      HealthResponder.register(vertx, Addresses.AUTH, Map.of("database", HealthResponder.database(pool)));
      return applied;
    });
  }

  @Override
  public Future<?> stop() {
    return pool == null ? Future.succeededFuture() : pool.close();
  }
}
