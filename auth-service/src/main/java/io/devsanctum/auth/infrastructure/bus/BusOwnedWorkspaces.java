package io.devsanctum.auth.infrastructure.bus;

import io.devsanctum.auth.service.OwnedWorkspaces;
import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.bus.TypedBus;
import io.devsanctum.common.contract.workspace.WorkspaceContract;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.UUID;

/** {@link OwnedWorkspaces} asked of workspace-service through its contract, as the admin who asked us. */
public class BusOwnedWorkspaces implements OwnedWorkspaces {

  private final WorkspaceContract workspaces;

  public BusOwnedWorkspaces(Vertx vertx, Duration timeout) {
    this.workspaces = TypedBus.serviceClient(vertx, WorkspaceContract.class, timeout);
  }

  @Override
  public Future<Integer> release(Caller admin, UUID ownerId, boolean deleteThem) {
    return workspaces.releaseOwner(admin,
        ownerId, deleteThem);
  }
}
