package io.devsanctum.auth.service;

import io.devsanctum.common.bus.Caller;
import io.vertx.core.Future;
import java.util.UUID;

/** The workspaces a user owns, as far as deleting the user is concerned (workspace-service owns them). */
public interface OwnedWorkspaces {

  /**
   * Lets go of the owner's workspaces on behalf of {@code admin}: fails CONFLICT while they own any
   * and {@code deleteThem} is false; otherwise has each deleted. How many are being deleted.
   */
  Future<Integer> release(Caller admin, UUID ownerId, boolean deleteThem);
}
