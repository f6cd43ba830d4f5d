package io.devsanctum.workspace.infrastructure.bus;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.bus.TypedBus;
import io.devsanctum.common.contract.auth.AuthContract;
import io.devsanctum.common.contract.auth.User;
import io.devsanctum.workspace.service.UserDirectory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.UUID;

/** {@link UserDirectory} through auth-service's contract, asked on behalf of the caller. */
public class BusUserDirectory implements UserDirectory {

  private final AuthContract auth;

  public BusUserDirectory(Vertx vertx) {
    this.auth = TypedBus.serviceClient(vertx, AuthContract.class, TypedBus.DEFAULT_TIMEOUT);
  }

  @Override
  public Future<User> requireUser(Caller caller, UUID userId) {
    return auth.user(caller, userId);
  }
}
