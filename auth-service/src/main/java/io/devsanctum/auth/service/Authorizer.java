package io.devsanctum.auth.service;

import io.devsanctum.auth.model.StoredUser;
import io.devsanctum.auth.repository.UserRepository;
import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.contract.auth.Role;
import io.devsanctum.common.domain.ForbiddenException;
import io.devsanctum.common.domain.UnauthenticatedException;
import io.vertx.core.Future;

/**
 * Checks the caller the gateway vouched for against the database: an access token lives up to
 * 15 minutes, so its role may predate a demotion and its user may have been suspended since.
 */
public class Authorizer {

  private final UserRepository users;

  public Authorizer(UserRepository users) {
    this.users = users;
  }

  public Future<StoredUser> activeUser(Caller caller) {
    return users.findById(caller.userId()).compose(found -> found.filter(StoredUser::isActive)
        .map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(
            new UnauthenticatedException("the caller's account does not exist or is suspended"))));
  }

  public Future<StoredUser> activeAdmin(Caller caller) {
    if (!caller.isAdmin()) {
      return Future.failedFuture(forbidden());
    }
    return activeUser(caller).compose(user -> user.role() == Role.ADMIN
        ? Future.succeededFuture(user)
        : Future.failedFuture(forbidden()));
  }

  private static RuntimeException forbidden() {
    return new ForbiddenException("only admins may do this");
  }
}
