package io.devsanctum.workspace.service;

import io.devsanctum.common.bus.Caller;
import io.vertx.core.Future;
import java.util.UUID;

/** The accounts the auth-service keeps, as far as this service needs them. */
public interface UserDirectory {

  /** Succeeds when the user exists and the caller may see them; NOT_FOUND otherwise. */
  Future<Void> requireUser(Caller caller, UUID userId);
}
