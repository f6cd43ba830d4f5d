package io.devsanctum.auth.model;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** The outcome of exchanging a refresh token for its successor. */
public sealed interface RefreshRotation {

  /**
   * The token was live and is now spent; its successor, in the same family, expires at
   * {@code nextExpiresAt}. {@code replacedLostAnswer}: the token had been spent before, but the
   * successor it got then was never used (that answer was lost) and has been superseded.
   */
  record Rotated(UUID familyId, UUID userId, Instant nextExpiresAt, boolean replacedLostAnswer)
      implements RefreshRotation {
  }

  /**
   * The token was exchanged moments ago, within the reuse grace: another request of the same client
   * (a second browser tab refreshing at the same time) got there first. Nothing is revoked. Should
   * its answer have been lost instead, presenting the token again after {@code graceLeft} recovers
   * the session (the repository supersedes the successor nobody used).
   */
  record JustRotated(Duration graceLeft) implements RefreshRotation {
  }

  /**
   * The token had already been exchanged before the grace, and its successor has been used (or
   * superseded): someone is replaying it.
   */
  record AlreadyRotated(UUID familyId) implements RefreshRotation {
  }

  /** Unknown, expired, in a revoked family, or its user is suspended. */
  record Rejected() implements RefreshRotation {
  }
}
