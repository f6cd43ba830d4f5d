package io.devsanctum.auth.service;

import io.devsanctum.auth.repository.SignInFailureRepository;
import io.devsanctum.common.contract.auth.SignInLockout;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Slows password guessing without handing attackers a way to lock owners out. Failures within 15
 * minutes are counted under several keys, and an attempt is refused while any of its keys has
 * reached its limit (until the oldest of those failures is 15 minutes old):
 * <ul>
 *   <li>5 per account from one client address: an attacker's guesses from one place do not keep the
 *       owner out from another;</li>
 *   <li>20 per client address over all accounts;</li>
 *   <li>30 per account from all addresses together, for clients the account does not know: the
 *       slower, account-wide limit on a guessing campaign spread over many addresses;</li>
 *   <li>a client that has signed in to the account before (it presents that account's device
 *       token, OWASP's "device cookie") is counted only under its own key, 5 per device, so even
 *       the account-wide limit never keeps the owner's own browsers out.</li>
 * </ul>
 * A success forgets the failures of its own client (its account-and-address or device key);
 * account-wide failures age out. Admins see the limits that are reached and can clear them.
 *
 * <p>An attempt is counted as a failure before its password is checked, atomically with the check
 * of the limits, and taken back when it succeeds: so attempts sent at the same moment cannot all
 * slip under the limit. The failures are stored in PostgreSQL, so the limits hold for the whole
 * cluster and across restarts.
 */
public class SignInRateLimiter {

  static final int ACCOUNT_ADDRESS_LIMIT = 5;
  static final int ADDRESS_LIMIT = 20;
  static final int ACCOUNT_LIMIT = 30;
  static final int DEVICE_LIMIT = 5;
  static final Duration WINDOW = Duration.ofMinutes(15);

  private static final String PAIR = "pair:";
  private static final String ADDRESS = "address:";
  private static final String ACCOUNT = "account:";
  private static final String DEVICE = "device:";
  private static final String USER = "user:";
  private static final String LOGIN = "login:";

  /**
   * Who is trying: the account (a known user's id, else the login as typed), the client address,
   * and the device token's id when the client presented a valid one for this account.
   */
  public record Subject(String account, String address, String device) {

    /**
     * An attempt on a known user's account; {@code deviceId}: the id of the valid device token the
     * client presented for this user, or null. Device keys are scoped to their user, so clearing a
     * user's limits reaches their devices.
     */
    public static Subject user(UUID userId, String address, String deviceId) {
      return new Subject(USER + userId, address, deviceId == null ? null : userId + ":" + deviceId);
    }

    /** An attempt on a login that names no user (counted all the same: nobody learns which exist). */
    public static Subject login(String login, String address) {
      return new Subject(LOGIN + login.trim().toLowerCase(Locale.ROOT), address, null);
    }

    /** The keys this attempt is counted under, with their limits. */
    Map<String, Integer> limits() {
      Map<String, Integer> limits = new LinkedHashMap<>();
      if (device != null) {
        limits.put(DEVICE + device, DEVICE_LIMIT);
      } else {
        limits.put(PAIR + account + "|" + address, ACCOUNT_ADDRESS_LIMIT);
        limits.put(ADDRESS + address, ADDRESS_LIMIT);
        limits.put(ACCOUNT + account, ACCOUNT_LIMIT);
      }
      return limits;
    }

    /** The key whose failures a success of this client forgets. */
    String ownKey() {
      return device != null ? DEVICE + device : PAIR + account + "|" + address;
    }
  }

  /** A sign-in attempt: allowed (and counted until it succeeds), or refused for {@code retryAfter}. */
  public record Attempt(Subject subject, List<Long> counted, Optional<Duration> retryAfter) {

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
  public Future<Attempt> begin(Subject subject) {
    Instant now = now();
    Map<String, Integer> limits = subject.limits();
    return failures.reserve(limits, now, now.minus(WINDOW))
        .compose(counted -> counted.isPresent()
            ? Future.succeededFuture(new Attempt(subject, counted.get(), Optional.empty()))
            : longestWait(limits, now).map(wait ->
                // at least a second: a limit was reached, even if its oldest failure ages out right now
                new Attempt(subject, List.of(), Optional.of(wait.isZero() ? Duration.ofSeconds(1) : wait))));
  }

  /** The attempt was right: it no longer counts, and neither do its client's earlier failures. */
  public Future<Void> succeeded(Attempt attempt) {
    return failures.forget(attempt.subject().ownKey(), attempt.counted());
  }

  /** Deletes failures that have aged out of the window; how many. */
  public Future<Integer> purgeExpired() {
    return failures.purge(now().minus(WINDOW));
  }

  /** Every limit reached now, longest-locked first. */
  public Future<List<SignInLockout>> lockouts() {
    Instant now = now();
    Instant since = now.minus(WINDOW);
    return failures.countsSince(since, Math.min(Math.min(ACCOUNT_ADDRESS_LIMIT, DEVICE_LIMIT), ADDRESS_LIMIT))
        .compose(counts -> {
          List<Future<Optional<SignInLockout>>> reached = new ArrayList<>();
          counts.forEach((key, count) -> {
            int limit = limitOf(key);
            if (count >= limit) {
              reached.add(wait(key, limit, now).map(wait -> wait.isZero()
                  ? Optional.empty() : Optional.of(lockout(key, count, now.plus(wait)))));
            }
          });
          return Future.all(reached).map(all -> all.<Optional<SignInLockout>>list().stream()
              .flatMap(Optional::stream)
              .sorted(Comparator.comparing(SignInLockout::lockedUntil).reversed())
              .toList());
        });
  }

  /** Lifts every limit on the user's account (account-wide, per address, its devices'); how many failures went. */
  public Future<Integer> clearUser(UUID userId) {
    String account = USER + userId;
    return failures.forgetKeysLike(List.of(like(ACCOUNT + account), like(PAIR + account + "|") + "%",
        like(DEVICE + userId + ":") + "%"));
  }

  /** Lifts the limit on a client address, and its per-account ones; how many failures went. */
  public Future<Integer> clearAddress(String address) {
    return failures.forgetKeysLike(List.of(like(ADDRESS + address), like(PAIR) + "%" + like("|" + address)));
  }

  /** {@code text} matched literally by SQL LIKE. */
  private static String like(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  /** PostgreSQL keeps microseconds: times are taken at that precision so that stored ones compare as they were. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private Future<Duration> longestWait(Map<String, Integer> limits, Instant now) {
    List<Future<Duration>> waits = limits.entrySet().stream().map(limit -> wait(limit.getKey(), limit.getValue(), now))
        .toList();
    return Future.all(waits).map(all -> all.<Duration>list().stream().max(Comparator.naturalOrder())
        .orElse(Duration.ZERO));
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

  private static int limitOf(String key) {
    if (key.startsWith(PAIR)) {
      return ACCOUNT_ADDRESS_LIMIT;
    }
    if (key.startsWith(ADDRESS)) {
      return ADDRESS_LIMIT;
    }
    if (key.startsWith(DEVICE)) {
      return DEVICE_LIMIT;
    }
    return ACCOUNT_LIMIT;
  }

  private static SignInLockout lockout(String key, long failures, Instant until) {
    if (key.startsWith(PAIR)) {
      String pair = key.substring(PAIR.length());
      int bar = pair.lastIndexOf('|');
      return new SignInLockout(SignInLockout.Scope.ACCOUNT_ADDRESS, userOf(pair.substring(0, bar)), null,
          loginOf(pair.substring(0, bar)), pair.substring(bar + 1), failures, until);
    }
    if (key.startsWith(ADDRESS)) {
      return new SignInLockout(SignInLockout.Scope.ADDRESS, null, null, null, key.substring(ADDRESS.length()), failures, until);
    }
    if (key.startsWith(DEVICE)) {
      String device = key.substring(DEVICE.length());
      return new SignInLockout(SignInLockout.Scope.DEVICE, UUID.fromString(device.substring(0, device.indexOf(':'))),
          null, null, null, failures, until);
    }
    String account = key.substring(ACCOUNT.length());
    return new SignInLockout(SignInLockout.Scope.ACCOUNT, userOf(account), null, loginOf(account), null, failures, until);
  }

  private static UUID userOf(String account) {
    return account.startsWith(USER) ? UUID.fromString(account.substring(USER.length())) : null;
  }

  private static String loginOf(String account) {
    return account.startsWith(LOGIN) ? account.substring(LOGIN.length()) : null;
  }
}
