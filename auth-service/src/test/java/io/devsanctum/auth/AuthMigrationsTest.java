package io.devsanctum.auth;

import io.devsanctum.common.testkit.MigrationAssertions;
import org.junit.jupiter.api.Test;

class AuthMigrationsTest {

  @Test
  void authSchemaMigratesAnEmptyDatabaseAndRerunsAsNoOp() {
    MigrationAssertions.assertMigratesCleanlyAndRerunsAsNoOp(AuthVerticle.SCHEMA);
  }
}
