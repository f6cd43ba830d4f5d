package io.devsanctum.auth.service;

import io.devsanctum.common.contract.audit.AuditAction;
import io.devsanctum.common.contract.audit.AuditChange;
import io.devsanctum.common.contract.audit.AuditRecord;
import io.devsanctum.auth.model.StoredUser;
import io.devsanctum.auth.repository.RefreshTokenRepository;
import io.devsanctum.auth.repository.UserRepository;
import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.domain.ConflictException;
import io.devsanctum.common.domain.InvalidInputException;
import io.devsanctum.common.domain.NotFoundException;
import io.devsanctum.common.domain.RateLimitedException;
import io.vertx.core.Future;
import java.security.SecureRandom;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passwords after sign-up: a user changes their own (the current one required, every other sign-in
 * ends), and an admin resets one, handing out a one-time password that must be replaced at the
 * next sign-in (all the user's sign-ins end). Either way the change is announced, so credentials
 * derived from ended sign-ins stop working at once.
 */
public class PasswordService {

  private static final Logger LOG = LoggerFactory.getLogger(PasswordService.class);
  /** No 0/o, 1/l/i: a one-time password is read off a screen and typed by someone else. */
  private static final String READABLE = "abcdefghjkmnpqrstuvwxyz23456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final UserRepository users;
  private final RefreshTokenRepository refreshTokens;
  private final PasswordHasher hasher;
  private final SignInRateLimiter limiter;
  private final Authorizer authorizer;
  private final AccessEvents events;

  public PasswordService(UserRepository users, RefreshTokenRepository refreshTokens, PasswordHasher hasher,
      SignInRateLimiter limiter, Authorizer authorizer, AccessEvents events) {
    this.users = users;
    this.refreshTokens = refreshTokens;
    this.hasher = hasher;
    this.limiter = limiter;
    this.authorizer = authorizer;
    this.events = events;
  }

  /**
   * The caller's new password. {@code currentSession}: the sign-in the request came with, which
   * goes on (null for an API token: then every sign-in ends). A wrong current password counts
   * against the sign-in limits like a failed sign-in.
   */
  public Future<StoredUser> changeOwn(Caller caller, UUID currentSession, String currentPassword, String newPassword,
      String clientAddress) {
    UserRules.validatePassword("newPassword", newPassword);
    if (currentPassword.length() > UserRules.MAX_PASSWORD_LENGTH) {
      return Future.failedFuture(new InvalidInputException("currentPassword", "at most 256 characters"));
    }
    if (currentPassword.equals(newPassword)) {
      return Future.failedFuture(new InvalidInputException("newPassword", "must differ from the current one"));
    }
    return authorizer.activeUser(caller).compose(user -> {
      if (user.passwordHash() == null) {
        return Future.failedFuture(new ConflictException(
            "your account signs in through a provider and has no password to change"));
      }
      return limiter.begin(SignInRateLimiter.Subject.user(user.id(), clientAddress, null)).compose(attempt -> attempt.refused()
          ? Future.failedFuture(new RateLimitedException("too many wrong passwords", attempt.retryAfter().get()))
          : hasher.verify(currentPassword, user.passwordHash()).compose(matches -> !matches
              ? Future.failedFuture(new InvalidInputException("currentPassword", "is not your current password"))
              : limiter.succeeded(attempt)
                  .compose(v -> hasher.hash(newPassword))
                  .compose(hash -> users.updatePassword(user.id(), null, hash, false, AuditRecord.success(caller,
                      AuditAction.PASSWORD_CHANGE, user.id(), user.username(), AuditChange.NONE)))
                  .compose(updated -> refreshTokens.revokeAllOfExcept(user.id(), currentSession, "password-changed")
                      .map(updated.orElseThrow()))
                  .onSuccess(updated -> {
                    LOG.info("user {} changed their password; their other sign-ins ended", user.id());
                    events.accessChanged(user.id());
                  })));
    });
  }

  /** A user admin's (an owner's, for an owner) reset: a one-time password, to be shown once, that the user must replace at sign-in. */
  public Future<String> reset(Caller caller, UUID userId) {
    String oneTime = oneTimePassword();
    return authorizer.activeUserChanging(caller, userId, null)
        .compose(target -> hasher.hash(oneTime).compose(hash -> users.updatePassword(userId, target.role(), hash, true,
            AuditRecord.success(caller, AuditAction.PASSWORD_RESET, userId, target.username(), AuditChange.NONE))))
        .recover(Authorizer::conflictIfRoleChanged)
        .compose(updated -> updated.isEmpty()
            ? Future.failedFuture(new NotFoundException("no user " + userId))
            : refreshTokens.revokeAllOfExcept(userId, null, "password-reset")
                .compose(v -> limiter.clearUser(userId)))
        .map(v -> oneTime)
        .onSuccess(v -> {
          LOG.info("password of user {} reset by {}; their sign-ins ended", userId, caller.userId());
          events.accessChanged(userId);
        });
  }

  /** Four groups of five readable characters: about 99 random bits. */
  static String oneTimePassword() {
    StringBuilder password = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      if (i > 0 && i % 5 == 0) {
        password.append('-');
      }
      password.append(READABLE.charAt(RANDOM.nextInt(READABLE.length())));
    }
    return password.toString();
  }
}
