package io.devsanctum.auth.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Slows password guessing: after 5 failed sign-ins within 15 minutes for one account (its login,
 * lower-cased), or 20 from one client address, further attempts are refused until the oldest of
 * those failures is 15 minutes old. A success clears the account's failures.
 *
 * <p>The counts live in this instance's memory: with several auth-service instances each counts
 * on its own (so the limits are per instance), and a restart forgets them. That still bounds
 * guessing to a few attempts per minute per instance.
 */
public class SignInRateLimiter {

  static final int ACCOUNT_LIMIT = 5;
  static final int ADDRESS_LIMIT = 20;
  static final Duration WINDOW = Duration.ofMinutes(15);

  private final Clock clock;
  /** Recent failure times per key, oldest first, at most the key's limit of them. */
  private final Map<String, Deque<Instant>> failures = new HashMap<>();

  public SignInRateLimiter(Clock clock) {
    this.clock = clock;
  }

  /** How long the caller must wait before trying again, or empty when it may try now. */
  public synchronized Optional<Duration> retryAfter(String login, String clientAddress) {
    Instant now = clock.instant();
    Duration account = wait(accountKey(login), ACCOUNT_LIMIT, now);
    Duration address = wait(addressKey(clientAddress), ADDRESS_LIMIT, now);
    Duration longer = account.compareTo(address) >= 0 ? account : address;
    return longer.isZero() ? Optional.empty() : Optional.of(longer);
  }

  public synchronized void recordFailure(String login, String clientAddress) {
    Instant now = clock.instant();
    record(accountKey(login), ACCOUNT_LIMIT, now);
    record(addressKey(clientAddress), ADDRESS_LIMIT, now);
  }

  public synchronized void recordSuccess(String login) {
    failures.remove(accountKey(login));
  }

  /** Forgets keys whose failures have all aged out, so memory does not grow with every login tried. */
  public synchronized void purgeExpired() {
    Instant cutoff = clock.instant().minus(WINDOW);
    failures.values().removeIf(times -> !times.peekLast().isAfter(cutoff));
  }

  private Duration wait(String key, int limit, Instant now) {
    Deque<Instant> times = failures.get(key);
    if (times == null || times.size() < limit) {
      return Duration.ZERO;
    }
    Duration remaining = Duration.between(now, times.peekFirst().plus(WINDOW));
    return remaining.isNegative() ? Duration.ZERO : remaining;
  }

  private void record(String key, int limit, Instant now) {
    Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
    times.addLast(now);
    if (times.size() > limit) {
      times.removeFirst(); // only the newest `limit` failures decide when the key is released
    }
  }

  private static String accountKey(String login) {
    return "account:" + login.trim().toLowerCase(Locale.ROOT);
  }

  private static String addressKey(String clientAddress) {
    return "address:" + clientAddress;
  }
}
