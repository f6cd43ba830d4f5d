package io.devsanctum.workspace;

import io.devsanctum.common.testkit.MigrationAssertions;
import org.junit.jupiter.api.Test;

class WorkspaceMigrationsTest {

  @Test
  void workspaceSchemaMigratesAnEmptyDatabaseAndRerunsAsNoOp() {
    MigrationAssertions.assertMigratesCleanlyAndRerunsAsNoOp(WorkspaceVerticle.SCHEMA);
  }
}
