package io.devsanctum.workspace.service;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.contract.auth.User;
import io.vertx.core.Future;
import java.util.UUID;

/** The accounts the auth-service keeps, as far as this service needs them. */
public interface UserDirectory {

  /** The user, with their role, when they exist and the caller may see them; NOT_FOUND otherwise. */
  Future<User> requireUser(Caller caller, UUID userId);
}
