package io.devsanctum.auth.repository;

import io.devsanctum.common.contract.audit.AuditRecord;
import java.util.function.Function;
import io.devsanctum.auth.model.ProviderSession;
import io.devsanctum.auth.model.RefreshRotation;
import io.devsanctum.auth.model.StoredUser;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Refresh tokens, stored only as SHA-256 hashes, grouped in one family per sign-in. Expiry is
 * computed by the database clock, the same clock that later checks it.
 */
public interface RefreshTokenRepository {

  /**
   * How long a sign-out can be repeated with the same answer (a retry comes within seconds), and so
   * how long a signed-out family keeps the provider session it came through.
   */
  Duration SIGN_OUT_REPEATABLE = Duration.ofMinutes(1);

  /**
   * Starts family {@code familyId} for a new sign-in with its first token; completes with the token's
   * expiry. {@code providerSession}: the provider session it came through, kept for sign-out, or null.
   * {@code maxAge}: how long the family may last however often its token is rotated (no token of it
   * outlives that), or null for no limit. Forgets the provider sessions of families signed out too
   * long ago to be signed out again.
   */
  Future<Instant> startFamily(UUID familyId, UUID userId, byte[] tokenHash, Duration lifetime,
      ProviderSession providerSession, Duration maxAge, AuditRecord audit);

  /**
   * The user of a sign-in that goes on (the family is the user's, not revoked, and holds an
   * unexpired token), as they are now; empty once it has ended.
   */
  Future<Optional<StoredUser>> userOfLiveSession(UUID familyId, UUID userId);

  /** Revokes every family of the user but {@code keptFamilyId} (null: all of them); whether any was. */
  Future<Boolean> revokeAllOfExcept(UUID userId, UUID keptFamilyId, String reason);

  /**
   * Spends the presented token and stores its successor in the same family, atomically: of two
   * concurrent exchanges of one token, exactly one sees {@link RefreshRotation.Rotated}; a token
   * spent less than {@code reuseGrace} ago answers {@link RefreshRotation.JustRotated}.
   *
   * <p>A token spent longer ago whose successor has never been presented is the sign of an answer
   * that never reached the client (a page unloaded while its refresh was in flight): that successor
   * is superseded (it can no longer be used) and a new one is stored in its place, so the family
   * keeps exactly one usable token. Only a token whose successor was used is a replay
   * ({@link RefreshRotation.AlreadyRotated}).
   */
  Future<RefreshRotation> rotate(byte[] presentedHash, byte[] nextHash, Duration lifetime, Duration reuseGrace);

  /**
   * Signs out the family the token belongs to, if any and not revoked already, or signed out less
   * than {@link #SIGN_OUT_REPEATABLE} ago (a repeated sign-out gets the same answer): whose it was,
   * whether it was signed out by this call, and the provider session it came through. That provider
   * session is forgotten once the sign-out can no longer be repeated (by later sign-ins and
   * sign-outs).
   */
  Future<Optional<SignedOutSession>> signOutFamilyOf(byte[] tokenHash, Function<SignedOutSession, AuditRecord> audit);

  /**
   * A signed-out sign-in: whose it was, whether this sign-out ended it (else it was a repeat), and
   * the provider session it came through, or null. A sign-out that ended it is recorded (the
   * record {@code audit} makes of it, in the same transaction); a repeat is not.
   */
  record SignedOutSession(UUID userId, String username, boolean justNow, ProviderSession providerSession) {
  }

  /** Revokes the family unless it is already; the user whose it was, when it was. */
  Future<Optional<UUID>> revokeFamily(UUID familyId, String reason);
}
