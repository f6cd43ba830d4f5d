package io.devsanctum.auth.service;

import io.devsanctum.common.contract.audit.AuditAction;
import io.devsanctum.common.contract.audit.AuditChange;
import io.devsanctum.common.contract.audit.AuditRecord;
import java.util.Optional;
import io.devsanctum.auth.model.AccessChange;
import io.devsanctum.auth.model.StoredUser;
import io.devsanctum.auth.repository.DuplicateKeyException;
import io.devsanctum.auth.repository.NoActiveAdminLeftException;
import io.devsanctum.auth.repository.RefreshTokenRepository;
import io.devsanctum.auth.repository.RoleChangedException;
import io.devsanctum.auth.repository.UserRepository;
import io.devsanctum.common.authz.AccessPolicy;
import io.devsanctum.common.authz.Permission;
import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.contract.auth.ListedUser;
import io.devsanctum.common.contract.auth.NewUser;
import io.devsanctum.common.contract.auth.Role;
import io.devsanctum.common.contract.auth.SignInLockout;
import io.devsanctum.common.contract.auth.UserStatus;
import io.devsanctum.common.domain.ConflictException;
import io.devsanctum.common.domain.NotFoundException;
import io.devsanctum.common.paging.Page;
import io.devsanctum.common.paging.PageRequest;
import io.vertx.core.Future;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may sign in and with which role: read by those who read users (user admins, auditors, owners),
 * changed by user admins and owners, an owner's account (or making someone an owner) by owners only.
 */
public class UserAdminService {

  private static final Logger LOG = LoggerFactory.getLogger(UserAdminService.class);

  private final UserRepository users;
  private final RefreshTokenRepository refreshTokens;
  private final PasswordHasher hasher;
  private final Authorizer authorizer;
  private final SignInRateLimiter limiter;
  private final OwnedWorkspaces workspaces;
  private final AccessEvents events;
  private final SignInMethods signInMethods;

  public UserAdminService(UserRepository users, RefreshTokenRepository refreshTokens, PasswordHasher hasher,
      Authorizer authorizer, SignInRateLimiter limiter, OwnedWorkspaces workspaces, AccessEvents events,
      SignInMethods signInMethods) {
    this.users = users;
    this.refreshTokens = refreshTokens;
    this.hasher = hasher;
    this.authorizer = authorizer;
    this.limiter = limiter;
    this.workspaces = workspaces;
    this.events = events;
    this.signInMethods = signInMethods;
  }

  public Future<StoredUser> me(Caller caller) {
    return authorizer.activeUser(caller);
  }

  /**
   * A user the caller may see: themselves, or anyone for those who read users; NOT_FOUND otherwise,
   * so ids leak nothing.
   */
  public Future<StoredUser> get(Caller caller, UUID userId) {
    return authorizer.activeUser(caller).compose(self -> self.id().equals(userId) ? Future.succeededFuture(self)
        : !AccessPolicy.allows(caller, Permission.USER_READ) || !AccessPolicy.grants(self.role(), Permission.USER_READ)
            ? Future.failedFuture(new NotFoundException("no user " + userId))
            : existing(userId));
  }

  private Future<StoredUser> existing(UUID userId) {
    return users.findById(userId).map(found -> found.orElseThrow(() -> new NotFoundException("no user " + userId)));
  }

  /** A page of all users, with the ways they sign in. */
  public Future<Page<ListedUser>> list(Caller caller, PageRequest page) {
    return authorizer.activeUserWith(caller, Permission.USER_READ).compose(admin -> users.page(page))
        .compose(listed -> listed.withItems(signInMethods::of));
  }

  /** A new account; one with the role owner only by an owner. */
  public Future<StoredUser> create(Caller caller, NewUser request, Role role) {
    return authorizer.activeUserWith(caller, AccessPolicy.accountChange(null, role)).compose(admin -> {
      UserRules.validate(request);
      return hasher.hash(request.password()).compose(hash -> {
        StoredUser user = new StoredUser(UUID.randomUUID(), request.email().trim(), request.username().trim(),
            UserRules.displayName(request), role, UserStatus.ACTIVE, hash, OffsetDateTime.now());
        return users.insert(user, AuditRecord.success(caller, AuditAction.USER_CREATE, user.id(), user.username(),
                AuditChange.created(Map.of("email", user.email(), "role", role.wireName()))))
            .recover(failure -> failure instanceof DuplicateKeyException duplicate
                ? Future.failedFuture(new ConflictException(duplicate.field() + ": already taken"))
                : Future.failedFuture(failure))
            .onSuccess(created -> LOG.info("user {} ({}) created by {}", created.id(), created.username(), admin.id()));
      });
    });
  }

  /** Ends every session of the user; their API tokens stop working while they are suspended. */
  public Future<StoredUser> suspend(Caller caller, UUID userId) {
    if (userId.equals(caller.userId())) {
      return Future.failedFuture(new ConflictException("you cannot suspend yourself"));
    }
    return change(caller, userId, AccessChange.status(UserStatus.SUSPENDED), AuditAction.USER_SUSPEND)
        .compose(user -> refreshTokens.revokeAllOfExcept(userId, null, "user-suspended").map(user))
        .onSuccess(user -> events.accessChanged(userId));
  }

  public Future<StoredUser> reactivate(Caller caller, UUID userId) {
    return change(caller, userId, AccessChange.status(UserStatus.ACTIVE), AuditAction.USER_REACTIVATE);
  }

  /** Takes effect at once for workspace sessions (through the access-changed event); access tokens carry the old role until they expire. */
  public Future<StoredUser> changeRole(Caller caller, UUID userId, Role role) {
    return change(caller, userId, AccessChange.role(role), AuditAction.USER_ROLE_CHANGE).onSuccess(user -> events.accessChanged(userId));
  }

  /**
   * Deletes the user and everything of theirs here (sessions, API tokens, identities). Refused while
   * they own workspaces, unless {@code deleteWorkspaces}: then those are deleted too. The user is
   * suspended first, so they cannot make new ones while theirs are let go of.
   */
  public Future<Void> delete(Caller caller, UUID userId, boolean deleteWorkspaces) {
    if (userId.equals(caller.userId())) {
      return Future.failedFuture(new ConflictException("you cannot delete yourself"));
    }
    return authorizer.activeUserChanging(caller, userId, null)
        .compose(target -> (deleteWorkspaces ? suspendedStill(caller, target) : Future.<Void>succeededFuture())
                .compose(suspended -> workspaces.release(caller, userId, deleteWorkspaces))
                .compose(deleting -> users.delete(userId, target.role(), AuditRecord.success(caller,
                        AuditAction.USER_DELETE, userId, target.username(),
                        AuditChange.of("workspacesDeleted", null, String.valueOf(deleting))))
            .recover(UserAdminService::refusedWrite)
            .compose(deleted -> limiter.clearUser(userId))
            .onSuccess(cleared -> {
              LOG.info("user {} deleted by {} ({} workspaces being deleted)", userId, caller.userId(), deleting);
              events.accessChanged(userId);
            })))
        .mapEmpty();
  }

  /** Suspends {@code target}, failing when its role is no longer the one its deletion was decided on. */
  private Future<Void> suspendedStill(Caller caller, StoredUser target) {
    return suspend(caller, target.id()).compose(suspended -> suspended.role() == target.role()
        ? Future.succeededFuture()
        : Authorizer.conflictIfRoleChanged(new RoleChangedException(target.role())));
  }

  /** The sign-in limits reached now, with the usernames of the accounts they are on. */
  public Future<List<SignInLockout>> lockouts(Caller caller) {
    return authorizer.activeUserWith(caller, Permission.USER_READ).compose(admin -> limiter.lockouts())
        .compose(lockouts -> users.findByIds(lockouts.stream().map(SignInLockout::userId).filter(Objects::nonNull)
                .collect(Collectors.toSet()))
            .map(named -> {
              Map<UUID, String> usernames = new HashMap<>();
              named.forEach(user -> usernames.put(user.id(), user.username()));
              return lockouts.stream()
                  .map(lockout -> lockout.userId() == null ? lockout
                      : lockout.withUsername(usernames.get(lockout.userId())))
                  .toList();
            }));
  }

  /** Lifts every sign-in limit on the user's account; NOT_FOUND for a user who does not exist. */
  public Future<Integer> unlock(Caller caller, UUID userId) {
    return authorizer.activeUserWith(caller, Permission.USER_WRITE)
        .compose(admin -> users.findById(userId))
        .compose(found -> found.isEmpty()
            ? Future.failedFuture(new NotFoundException("no user " + userId))
            : limiter.clearUser(userId))
        .onSuccess(cleared -> LOG.info("sign-in limits of user {} cleared by {} ({} failures)", userId,
            caller.userId(), cleared));
  }

  /** Lifts the sign-in limit on a client address. */
  public Future<Integer> unlockAddress(Caller caller, String address) {
    return authorizer.activeUserWith(caller, Permission.USER_WRITE).compose(admin -> limiter.clearAddress(address))
        .onSuccess(cleared -> LOG.info("sign-in limits of address {} cleared by {} ({} failures)", address,
            caller.userId(), cleared));
  }

  /** Why an account's write was rolled back, as the caller's CONFLICT. */
  private static <T> Future<T> refusedWrite(Throwable failure) {
    return failure instanceof NoActiveAdminLeftException
        ? Future.failedFuture(new ConflictException("that would leave no active owner"))
        : Authorizer.conflictIfRoleChanged(failure);
  }

  private Future<StoredUser> change(Caller caller, UUID userId, AccessChange change, AuditAction recordedAs) {
    return authorizer.activeUserChanging(caller, userId, change.role())
        .compose(target -> users.updateAccess(userId, target.role(), change, AuditRecord.success(caller, recordedAs,
                userId, target.username(), accessChange(Optional.of(target), change))))
        .recover(UserAdminService::refusedWrite)
        .compose(updated -> updated
            .map(Future::succeededFuture)
            .orElseGet(() -> Future.failedFuture(new NotFoundException("no user " + userId))))
        .onSuccess(user -> LOG.info("user {} is now {} {} (changed by {})",
            user.id(), user.status().wireName(), user.role().wireName(), caller.userId()));
  }

  /** The role or status as it was and as it becomes. */
  static AuditChange accessChange(Optional<StoredUser> before, AccessChange change) {
    if (change.role() != null) {
      return AuditChange.of("role", before.map(user -> user.role().wireName()).orElse(null), change.role().wireName());
    }
    return AuditChange.of("status", before.map(user -> user.status().wireName()).orElse(null),
        change.status().wireName());
  }
}
