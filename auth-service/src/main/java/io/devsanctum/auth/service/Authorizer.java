package io.devsanctum.auth.service;

import io.devsanctum.auth.model.StoredUser;
import io.devsanctum.auth.repository.RoleChangedException;
import io.devsanctum.auth.repository.UserRepository;
import io.devsanctum.common.authz.AccessPolicy;
import io.devsanctum.common.authz.Permission;
import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.contract.auth.Role;
import io.devsanctum.common.domain.ConflictException;
import io.devsanctum.common.domain.ForbiddenException;
import io.devsanctum.common.domain.NotFoundException;
import io.devsanctum.common.domain.UnauthenticatedException;
import io.vertx.core.Future;
import java.util.Optional;
import java.util.UUID;

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

  /**
   * The account of {@code targetId} as it was when the caller, active, was found allowed to change
   * it so that its role becomes {@code nextRole} (null: stays as it is; see
   * {@link AccessPolicy#accountChange}): FORBIDDEN for one who may change no account, NOT_FOUND for
   * a user who does not exist, FORBIDDEN for an owner's account (or making one) unless the caller
   * may change owners. The write that follows names the role this was decided on, and
   * {@link #conflictIfRoleChanged} turns its refusal, when the role has changed since, into CONFLICT.
   */
  public Future<StoredUser> activeUserChanging(Caller caller, UUID targetId, Role nextRole) {
    return activeUserWith(caller, Permission.USER_WRITE)
        .compose(admin -> users.findById(targetId))
        .compose(target -> target.isEmpty() ? Future.failedFuture(new NotFoundException("no user " + targetId))
            : activeUserWith(caller, AccessPolicy.accountChange(target.get().role(), nextRole)).map(target.get()));
  }

  /** A write refused because the account's role changed after the decision, as CONFLICT; other failures as they are. */
  public static <T> Future<T> conflictIfRoleChanged(Throwable failure) {
    return Future.failedFuture(failure instanceof RoleChangedException
        ? new ConflictException(failure.getMessage() + "; look at the account again and retry")
        : failure);
  }

  /** The caller, active and holding {@code permission} by the role stored now and the credential's scopes. */
  public Future<StoredUser> activeUserWith(Caller caller, Permission permission) {
    Optional<String> refusal = AccessPolicy.refusal(caller, permission);
    if (refusal.isPresent()) {
      return Future.failedFuture(new ForbiddenException(refusal.get()));
    }
    return activeUser(caller).compose(user -> AccessPolicy.grants(user.role(), permission)
        ? Future.succeededFuture(user)
        : Future.failedFuture(new ForbiddenException(
            "the role " + user.role().wireName() + " may not do this (it needs " + permission.wireName() + ")")));
  }
}
