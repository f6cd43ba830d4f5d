package io.devsanctum.common.db;

import io.devsanctum.common.config.DatabaseConfig;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

/** Builds the reactive PostgreSQL pool a service owns, and watches that database's outages. */
public final class PgPools {

  private PgPools() {
  }

  public static Pool create(Vertx vertx, DatabaseConfig database, String service) {
    DatabaseOutage.watch(vertx, database);
    return PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(database.poolSize()).setName("pg-" + service))
        .connectingTo(database.connectOptions().setPipeliningLimit(256))
        .using(vertx)
        .build();
  }
}
