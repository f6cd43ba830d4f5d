package io.devsanctum.auth.service;

import io.devsanctum.common.contract.audit.AuditAction;
import io.devsanctum.common.contract.audit.AuditActor;
import io.devsanctum.common.contract.audit.AuditChange;
import io.devsanctum.common.contract.audit.AuditRecord;
import io.devsanctum.common.contract.audit.AuditResult;
import io.devsanctum.common.contract.audit.AuditTarget;
import java.util.Map;
import io.devsanctum.auth.model.AccessToken;
import io.devsanctum.auth.model.ProviderSession;
import io.devsanctum.auth.model.RefreshRotation;
import io.devsanctum.auth.model.StoredUser;
import io.devsanctum.auth.repository.RefreshTokenRepository;
import io.devsanctum.auth.repository.RefreshTokenRepository.SignedOutSession;
import io.devsanctum.auth.repository.UserRepository;
import io.devsanctum.common.contract.auth.Session;
import io.devsanctum.common.domain.ConflictException;
import io.devsanctum.common.domain.InvalidInputException;
import io.devsanctum.common.domain.RateLimitedException;
import io.devsanctum.common.domain.UnauthenticatedException;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Password sign-in, refresh and sign-out, and the session start that OAuth2 sign-in shares. Each
 * sign-in starts a refresh-token family; every refresh spends the presented token and hands out its
 * successor, and a spent token presented again means it was copied, so the whole family is revoked
 * (unless it comes within the reuse grace of its exchange: another tab of the same browser).
 */
public class SessionService {

  private static final Logger LOG = LoggerFactory.getLogger(SessionService.class);
  static final Duration REFRESH_LIFETIME = Duration.ofDays(30);
  /** One message for unknown login, wrong password and suspended account, so none can be told apart. */
  static final String INVALID_CREDENTIALS = "invalid login or password";

  private final UserRepository users;
  private final RefreshTokenRepository refreshTokens;
  private final PasswordHasher hasher;
  private final AccessTokenIssuer accessTokens;
  private final SignInRateLimiter limiter;
  private final DeviceTokens devices;
  private final AccessEvents events;
  private final Duration reuseGrace;

  /**
   * {@code reuseGrace}: how long after its exchange a refresh token presented again is taken for a
   * second tab of the same browser refreshing at the same moment (refused without revoking
   * anything) rather than for a stolen copy (the family is revoked).
   */
  public SessionService(UserRepository users, RefreshTokenRepository refreshTokens, PasswordHasher hasher,
      AccessTokenIssuer accessTokens, SignInRateLimiter limiter, DeviceTokens devices, AccessEvents events,
      Duration reuseGrace) {
    this.users = users;
    this.refreshTokens = refreshTokens;
    this.hasher = hasher;
    this.accessTokens = accessTokens;
    this.limiter = limiter;
    this.devices = devices;
    this.events = events;
    this.reuseGrace = reuseGrace;
  }

  /**
   * A password sign-in from {@code clientAddress}; {@code presentedDeviceToken}: the device token
   * the client holds (null when none), which exempts a client that has signed in to this account
   * before from the limits others' failures reach. A successful sign-in hands out a device token.
   */
  public Future<Session> signIn(String login, String password, String clientAddress, String presentedDeviceToken) {
    if (password.length() > UserRules.MAX_PASSWORD_LENGTH) {
      // no account has a longer password; refusing early keeps huge inputs away from the hasher
      return Future.failedFuture(new InvalidInputException("password", "at most 256 characters"));
    }
    return users.findByEmailOrUsername(login.trim()).compose(found -> {
      String deviceId = found.map(user -> devices.deviceId(presentedDeviceToken, user.id())).orElse(null);
      SignInRateLimiter.Subject subject = found
          .map(user -> SignInRateLimiter.Subject.user(user.id(), clientAddress, deviceId))
          .orElseGet(() -> SignInRateLimiter.Subject.login(login, clientAddress));
      return limiter.begin(subject).compose(attempt -> attempt.refused()
          ? Future.failedFuture(new RateLimitedException("too many failed sign-ins", attempt.retryAfter().get()))
          // the hash is checked even for an unknown login, so timing does not reveal which logins exist
          : hasher.verify(password, found.map(StoredUser::passwordHash).orElse(null)).compose(matches -> {
            if (!matches || found.isEmpty() || !found.get().isActive()) {
              LOG.info("password sign-in refused from {}", clientAddress); // the attempt stays counted
              return Future.failedFuture(new UnauthenticatedException(INVALID_CREDENTIALS));
            }
            StoredUser user = found.get();
            return limiter.succeeded(attempt)
                .compose(forgotten -> start(user))
                .map(session -> session.withDeviceToken(deviceId != null ? presentedDeviceToken : devices.issue(user.id())))
                .onSuccess(session -> LOG.info("user {} signed in with a password from {}", user.id(), clientAddress));
          }));
    });
  }

  /**
   * Starts a session, with a new refresh-token family, for a user who has just proved who they are
   * (by password or through an OAuth2 provider). The caller has checked that the user is active.
   */
  public Future<Session> start(StoredUser user) {
    return start(user, null, null);
  }

  /**
   * {@code providerSession}: the provider session it came through, to end as well at sign-out, or
   * null; {@code maxAge}: how long it may last however often refreshed, or null for no limit.
   */
  public Future<Session> start(StoredUser user, ProviderSession providerSession, Duration maxAge) {
    String refreshToken = Secrets.newToken();
    UUID sessionId = UUID.randomUUID();
    AuditRecord signedIn = AuditRecord.of(AuditActor.user(user.id(), user.username()), AuditAction.SIGN_IN,
        new AuditTarget(AuditAction.SIGN_IN.targetType(), user.id(), user.username()),
        AuditChange.created(Map.of("method", providerSession == null ? "password" : providerSession.provider())),
        AuditResult.SUCCESS);
    return refreshTokens.startFamily(sessionId, user.id(), Secrets.sha256(refreshToken), REFRESH_LIFETIME,
            providerSession, maxAge, signedIn)
        .map(expiresAt -> session(user, sessionId, refreshToken, expiresAt));
  }

  public Future<Session> refresh(String presentedToken) {
    String nextToken = Secrets.newToken();
    return refreshTokens.rotate(Secrets.sha256(presentedToken), Secrets.sha256(nextToken), REFRESH_LIFETIME, reuseGrace)
        .compose(rotation -> {
          if (rotation instanceof RefreshRotation.Rotated rotated) {
            if (rotated.replacedLostAnswer()) {
              LOG.info("session family {}: a refresh answer never reached its client; its unused token was superseded",
                  rotated.familyId());
            }
            return users.findById(rotated.userId())
                .compose(user -> user.isPresent()
                    ? Future.succeededFuture(session(user.get(), rotated.familyId(), nextToken, rotated.nextExpiresAt()))
                    : Future.failedFuture(invalidRefreshToken()));
          }
          if (rotation instanceof RefreshRotation.JustRotated just) {
            // another tab's answer is in the browser's cookies already; should this request's own
            // answer have been lost instead, the token is accepted again once the grace has passed
            return Future.failedFuture(new ConflictException("this refresh token was exchanged moments ago by another request of this session; use its new tokens",
                just.graceLeft()));
          }
          if (rotation instanceof RefreshRotation.AlreadyRotated reused) {
            return refreshTokens.revokeFamily(reused.familyId(), "reuse-detected")
                .onSuccess(revoked -> {
                  LOG.warn("a spent refresh token was presented again; session family {} revoked", reused.familyId());
                  revoked.ifPresent(events::accessChanged);
                })
                .compose(done -> Future.failedFuture(invalidRefreshToken()));
          }
          return Future.failedFuture(invalidRefreshToken());
        });
  }

  /**
   * Ends the sign-in the token belongs to; signing out twice, or with an unknown token, is not an
   * error. Answers the provider session it came through, if one was kept to be ended too, and
   * answers it again to a sign-out repeated within
   * {@link RefreshTokenRepository#SIGN_OUT_REPEATABLE} (a retry whose first answer was lost must
   * still send the browser to the provider).
   */
  public Future<Optional<ProviderSession>> signOut(String refreshToken) {
    return refreshTokens.signOutFamilyOf(Secrets.sha256(refreshToken), ended -> AuditRecord.of(
            AuditActor.user(ended.userId(), ended.username()), AuditAction.SIGN_OUT,
            new AuditTarget(AuditAction.SIGN_OUT.targetType(), ended.userId(), ended.username()), AuditChange.NONE,
            AuditResult.SUCCESS))
        .onSuccess(ended -> ended.filter(SignedOutSession::justNow)
            .ifPresent(session -> events.accessChanged(session.userId())))
        .map(ended -> ended.map(SignedOutSession::providerSession));
  }

  /**
   * The user as they are now, when active and while the sign-in {@code sessionId} goes on (not
   * signed out, revoked or expired); UNAUTHENTICATED otherwise.
   */
  public Future<StoredUser> verify(UUID userId, UUID sessionId) {
    return refreshTokens.userOfLiveSession(sessionId, userId)
        .compose(found -> found.filter(StoredUser::isActive)
            .map(Future::succeededFuture)
            .orElseGet(() -> Future.failedFuture(new UnauthenticatedException("the session has ended"))));
  }

  private Session session(StoredUser user, UUID sessionId, String refreshToken, Instant refreshTokenExpiresAt) {
    AccessToken access = accessTokens.issue(user, sessionId);
    return new Session(user.profile(), access.value(), access.expiresAt(), refreshToken, refreshTokenExpiresAt, null);
  }

  private static RuntimeException invalidRefreshToken() {
    return new UnauthenticatedException("invalid, expired or revoked refresh token");
  }

}
