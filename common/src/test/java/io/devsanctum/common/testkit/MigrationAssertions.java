package io.devsanctum.common.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.devsanctum.common.config.DatabaseConfig;
import io.devsanctum.common.db.SchemaMigrator;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;

/** The check every owning service runs on its own schema. */
public final class MigrationAssertions {

  private MigrationAssertions() {
  }

  /** All migrations apply to an empty database, leave nothing pending, and a second run applies none. */
  public static void assertMigratesCleanlyAndRerunsAsNoOp(String schema) {
    DatabaseConfig database = TestDatabase.freshDatabase();
    Flyway flyway = SchemaMigrator.flyway(database, schema);

    int firstRun = flyway.migrate().migrationsExecuted;
    assertThat(firstRun).as("migrations applied to an empty database").isPositive();
    for (MigrationInfo info : flyway.info().all()) {
      assertThat(info.getState()).as("state of " + info.getScript()).isEqualTo(MigrationState.SUCCESS);
    }
    assertThat(flyway.info().pending()).isEmpty();
    assertThat(flyway.validateWithResult().validationSuccessful).isTrue();

    int secondRun = SchemaMigrator.flyway(database, schema).migrate().migrationsExecuted;
    assertThat(secondRun).as("migrations applied on the second run").isZero();
  }
}
