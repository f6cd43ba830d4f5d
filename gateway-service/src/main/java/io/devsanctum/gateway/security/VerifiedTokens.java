package io.devsanctum.gateway.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What verifying a token found, kept until the token expires, so that a client sending the same
 * token with every request costs one verification, not one per request. Bounded: past
 * {@link #LIMIT} tokens the expired ones go, and if that is not enough (a flood of distinct valid
 * tokens) everything does, rather than grow. Only for what follows from the token alone (its
 * signature and claims): whether the sign-in behind it still holds is {@link CredentialChecks}'
 * question, asked on every use.
 */
public final class VerifiedTokens<T> {

  static final int LIMIT = 10_000;

  private record Verified<T>(T value, long expiresAtMillis) {
  }

  private final Map<String, Verified<T>> verified = new ConcurrentHashMap<>();

  /** What {@code token} was verified to be, while it has not expired; null otherwise. */
  public T get(String token) {
    Verified<T> known = verified.get(token);
    return known != null && known.expiresAtMillis() > System.currentTimeMillis() ? known.value() : null;
  }

  public void put(String token, T value, long expiresAtMillis) {
    if (verified.size() >= LIMIT) {
      long now = System.currentTimeMillis();
      verified.values().removeIf(entry -> entry.expiresAtMillis() <= now);
      if (verified.size() >= LIMIT) {
        verified.clear();
      }
    }
    verified.put(token, new Verified<>(value, expiresAtMillis));
  }
}
