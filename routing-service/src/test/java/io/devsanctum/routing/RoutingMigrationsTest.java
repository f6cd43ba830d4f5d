package io.devsanctum.routing;

import io.devsanctum.common.testkit.MigrationAssertions;
import org.junit.jupiter.api.Test;

class RoutingMigrationsTest {

  @Test
  void routingSchemaMigratesAnEmptyDatabaseAndRerunsAsNoOp() {
    MigrationAssertions.assertMigratesCleanlyAndRerunsAsNoOp(RoutingVerticle.SCHEMA);
  }
}
