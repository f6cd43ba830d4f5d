package io.devsanctum.auth.service;

import io.devsanctum.auth.repository.SignInFailureRepository;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Slows password guessing: after 5 failed sign-ins within 15 minutes for one account (its login,
 * lower-cased), or 20 from one client address, further attempts are refused until the oldest of
 * those failures is 15 minutes old. A success clears the account's failures. The failures are
 * stored in PostgreSQL, so the limits hold for the whole cluster and across restarts.
 */
public class SignInRateLimiter {

  static final int ACCOUNT_LIMIT = 5;
  static final int ADDRESS_LIMIT = 20;
  static final Duration WINDOW = Duration.ofMinutes(15);

  private final SignInFailureRepository failures;
  private final Clock clock;

  public SignInRateLimiter(SignInFailureRepository failures, Clock clock) {
    this.failures = failures;
    this.clock = clock;
  }

  /** How long the caller must wait before trying again, or empty when it may try now. */
  public Future<Optional<Duration>> retryAfter(String login, String clientAddress) {
    Instant now = now();
    return Future.all(wait(accountKey(login), ACCOUNT_LIMIT, now), wait(addressKey(clientAddress), ADDRESS_LIMIT, now))
        .map(both -> {
          Duration account = both.resultAt(0);
          Duration address = both.resultAt(1);
          Duration longer = account.compareTo(address) >= 0 ? account : address;
          return longer.isZero() ? Optional.<Duration>empty() : Optional.of(longer);
        });
  }

  public Future<Void> recordFailure(String login, String clientAddress) {
    return failures.record(List.of(accountKey(login), addressKey(clientAddress)), now());
  }

  public Future<Void> recordSuccess(String login) {
    return failures.forget(accountKey(login));
  }

  /** Deletes failures that have aged out of the window; how many. */
  public Future<Integer> purgeExpired() {
    return failures.purge(now().minus(WINDOW));
  }

  /** PostgreSQL keeps microseconds: times are taken at that precision so that stored ones compare as they were. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  /** Blocked until the oldest of the newest {@code limit} failures leaves the window. */
  private Future<Duration> wait(String key, int limit, Instant now) {
    return failures.newest(key, now.minus(WINDOW), limit).map(times -> {
      if (times.size() < limit) {
        return Duration.ZERO;
      }
      Duration remaining = Duration.between(now, times.get(limit - 1).plus(WINDOW));
      return remaining.isNegative() ? Duration.ZERO : remaining;
    });
  }

  private static String accountKey(String login) {
    return "account:" + login.trim().toLowerCase(Locale.ROOT);
  }

  private static String addressKey(String clientAddress) {
    return "address:" + clientAddress;
  }
}
