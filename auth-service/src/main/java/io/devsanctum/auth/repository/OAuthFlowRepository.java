package io.devsanctum.auth.repository;

import io.devsanctum.auth.model.OAuthFlow;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Optional;

/**
 * OAuth2 sign-ins in progress, stored under the SHA-256 of their state. Expiry is computed and
 * checked by the database clock.
 */
public interface OAuthFlowRepository {

  /** Stores a begun sign-in that expires after {@code lifetime}, and forgets the ones that have expired. */
  Future<Void> insert(byte[] stateHash, OAuthFlow flow, Duration lifetime);

  /**
   * Removes the unexpired sign-in with this state and completes with it, atomically: of two
   * concurrent takes of one state, at most one gets it.
   */
  Future<Optional<OAuthFlow>> take(byte[] stateHash);
}
