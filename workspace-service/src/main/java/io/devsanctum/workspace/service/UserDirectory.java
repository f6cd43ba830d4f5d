package io.devsanctum.workspace.service;

import io.devsanctum.common.bus.Caller;
import io.vertx.core.Future;
import java.util.UUID;

/** The accounts the auth-service keeps, as far as this service needs them. */
public interface UserDirectory {

  /** The user's username when they exist and the caller may see them; NOT_FOUND otherwise. */
  Future<String> requireUser(Caller caller, UUID userId);
}
