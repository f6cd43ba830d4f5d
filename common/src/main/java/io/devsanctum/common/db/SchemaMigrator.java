package io.devsanctum.common.db;

import io.devsanctum.common.config.DatabaseConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migrates the one schema a service owns from {@code classpath:db/migration/<schema>/}, with its
 * own history table inside that schema, so services migrate independently of each other.
 * Flyway is blocking JDBC, so it runs on a worker thread.
 */
public final class SchemaMigrator {

  private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);

  private SchemaMigrator() {
  }

  public static Flyway flyway(DatabaseConfig database, String schema) {
    var options = database.connectOptions();
    return Flyway.configure()
        .dataSource(database.jdbcUrl(), options.getUser(), options.getPassword())
        .schemas(schema)
        .defaultSchema(schema)
        .createSchemas(true)
        .locations("classpath:db/migration/" + schema)
        .failOnMissingLocations(true)
        .load();
  }

  /** Applies pending migrations; completes with the number applied (0 when up to date). */
  public static Future<Integer> migrate(Vertx vertx, DatabaseConfig database, String schema) {
    return vertx.executeBlocking(() -> {
      long started = System.nanoTime();
      MigrateResult result = flyway(database, schema).migrate();
      // Flyway names no target version when nothing was applied: the schema is where it was
      LOG.info("schema {} migrated: {} migration(s) applied, now at version {} ({} ms)", schema,
          result.migrationsExecuted, result.migrationsExecuted == 0 ? result.initialSchemaVersion
              : result.targetSchemaVersion, (System.nanoTime() - started) / 1_000_000);
      return result.migrationsExecuted;
    }, false);
  }
}
