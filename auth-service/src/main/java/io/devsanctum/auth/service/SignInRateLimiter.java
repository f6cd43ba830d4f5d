package io.devsanctum.auth.service;

import io.devsanctum.auth.repository.SignInFailureRepository;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Slows password guessing: after 5 failed sign-ins within 15 minutes for one account (its login,
 * lower-cased), or 20 from one client address, further attempts are refused until the oldest of
 * those failures is 15 minutes old. A success clears the account's failures.
 *
 * <p>An attempt is counted as a failure before its password is checked, atomically with the check
 * of the limits, and taken back when it succeeds: so attempts sent at the same moment cannot all
 * slip under the limit. The failures are stored in PostgreSQL, so the limits hold for the whole
 * cluster and across restarts.
 */
public class SignInRateLimiter {

  static final int ACCOUNT_LIMIT = 5;
  static final int ADDRESS_LIMIT = 20;
  static final Duration WINDOW = Duration.ofMinutes(15);

  /** A sign-in attempt: allowed (and counted until it succeeds), or refused for {@code retryAfter}. */
  public record Attempt(String login, List<Long> counted, Optional<Duration> retryAfter) {

    public boolean refused() {
      return retryAfter.isPresent();
    }
  }

  private final SignInFailureRepository failures;
  private final Clock clock;

  public SignInRateLimiter(SignInFailureRepository failures, Clock clock) {
    this.failures = failures;
    this.clock = clock;
  }

  /** Starts an attempt: counted as a failure from now on, unless a limit is already reached. */
  public Future<Attempt> begin(String login, String clientAddress) {
    Instant now = now();
    String account = accountKey(login);
    String address = addressKey(clientAddress);
    return failures.reserve(Map.of(account, ACCOUNT_LIMIT, address, ADDRESS_LIMIT), now, now.minus(WINDOW))
        .compose(counted -> counted.isPresent()
            ? Future.succeededFuture(new Attempt(login, counted.get(), Optional.empty()))
            : Future.all(wait(account, ACCOUNT_LIMIT, now), wait(address, ADDRESS_LIMIT, now)).map(both -> {
              Duration accountWait = both.resultAt(0);
              Duration addressWait = both.resultAt(1);
              Duration longer = accountWait.compareTo(addressWait) >= 0 ? accountWait : addressWait;
              // at least a second: a limit was reached, even if its oldest failure ages out right now
              return new Attempt(login, List.of(), Optional.of(longer.isZero() ? Duration.ofSeconds(1) : longer));
            }));
  }

  /** The attempt was right: it no longer counts, and neither do the account's earlier failures. */
  public Future<Void> succeeded(Attempt attempt) {
    return failures.forget(accountKey(attempt.login()), attempt.counted());
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
