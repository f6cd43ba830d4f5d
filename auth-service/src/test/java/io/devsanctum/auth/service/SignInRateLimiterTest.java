package io.devsanctum.auth.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.devsanctum.auth.AuthVerticle;
import io.devsanctum.common.testkit.MutableClock;
import io.devsanctum.auth.repository.pg.PgSignInFailureRepository;
import io.devsanctum.auth.service.SignInRateLimiter.Subject;
import io.devsanctum.common.config.DatabaseConfig;
import io.devsanctum.common.contract.auth.SignInLockout;
import io.devsanctum.common.db.PgPools;
import io.devsanctum.common.db.SchemaMigrator;
import io.devsanctum.common.runtime.VertxFactory;
import io.devsanctum.common.runtime.VertxRuntime;
import io.devsanctum.common.testkit.TestDatabase;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The limits, with the failures in a real PostgreSQL as every auth-service instance shares them. */
class SignInRateLimiterTest {

  private static VertxRuntime runtime;
  private static Pool pool;
  private final MutableClock clock = new MutableClock();
  private SignInRateLimiter limiter;

  @BeforeAll
  static void database() {
    runtime = VertxFactory.local();
    DatabaseConfig database = TestDatabase.freshDatabase();
    SchemaMigrator.migrate(runtime.vertx(), database, AuthVerticle.SCHEMA).await();
    pool = PgPools.create(runtime.vertx(), database, "test");
  }

  @AfterAll
  static void close() {
    runtime.vertx().close().await();
  }

  @BeforeEach
  void limiter() {
    pool.query("DELETE FROM auth.sign_in_failures").execute().await();
    limiter = newInstance();
  }

  /** Another auth-service instance on the same database. */
  private SignInRateLimiter newInstance() {
    return new SignInRateLimiter(new PgSignInFailureRepository(pool), clock);
  }

  private static final UUID ALICE = UUID.randomUUID();
  private static final UUID BOB = UUID.randomUUID();

  private static Subject alice(String address) {
    return Subject.user(ALICE, address, null);
  }

  @Test
  void fiveFailuresForOneAccountFromOneAddressBlockThatAddressUntilTheFirstIsFifteenMinutesOld() {
    for (int i = 0; i < 5; i++) {
      assertThat(limiter.begin(alice("10.0.0.1")).await().refused()).isFalse(); // and it fails
      clock.advance(Duration.ofMinutes(1));
    }

    assertThat(limiter.begin(alice("10.0.0.1")).await().retryAfter()).hasValue(Duration.ofMinutes(10));
    clock.advance(Duration.ofMinutes(10));
    assertThat(limiter.begin(alice("10.0.0.1")).await().refused()).isFalse();
  }

  @Test
  void anAttackersFailuresFromOneAddressDoNotKeepTheOwnerOutFromAnother() {
    for (int i = 0; i < 20; i++) {
      limiter.begin(alice("198.51.100.66")).await();
    }

    assertThat(limiter.begin(alice("198.51.100.66")).await().refused()).isTrue();
    assertThat(limiter.begin(alice("203.0.113.5")).await().refused()).isFalse();
  }

  @Test
  void failuresSpreadOverManyAddressesReachTheAccountWideLimitButNotTheOwnersKnownBrowser() {
    for (int i = 0; i < 30; i++) {
      limiter.begin(alice("198.51.100." + i)).await();
    }

    assertThat(limiter.begin(alice("203.0.113.5")).await().retryAfter()).hasValue(Duration.ofMinutes(15));
    assertThat(limiter.begin(Subject.user(ALICE, "203.0.113.5", "a-known-device")).await().refused()).isFalse();
  }

  @Test
  void aKnownBrowserIsLimitedOnItsOwn() {
    Subject device = Subject.user(ALICE, "203.0.113.5", "a-known-device");
    for (int i = 0; i < 5; i++) {
      limiter.begin(device).await();
    }

    assertThat(limiter.begin(device).await().refused()).isTrue();
    assertThat(limiter.begin(alice("203.0.113.5")).await().refused()).as("counted apart from the device").isFalse();
  }

  @Test
  void twentyFailuresFromOneAddressBlockItForEveryAccount() {
    for (int i = 0; i < 20; i++) {
      limiter.begin(Subject.login("user" + i, "10.0.0.1")).await();
    }

    assertThat(limiter.begin(Subject.login("someone-else", "10.0.0.1")).await().retryAfter())
        .hasValue(Duration.ofMinutes(15));
    assertThat(limiter.begin(Subject.login("someone-else", "10.0.0.9")).await().refused()).isFalse();
  }

  @Test
  void attemptsSentAtTheSameMomentToTwoInstancesCannotAllSlipUnderTheLimit() {
    SignInRateLimiter other = newInstance();

    List<Future<SignInRateLimiter.Attempt>> attempts = IntStream.range(0, 12)
        .mapToObj(i -> (i % 2 == 0 ? limiter : other).begin(Subject.user(BOB, "10.0.0.1", null)))
        .toList();
    Future.all(attempts).await();

    assertThat(attempts.stream().filter(a -> !a.result().refused())).hasSize(5);
  }

  @Test
  void aSuccessTakesItsAttemptBackAndClearsItsClientsFailuresForEveryInstance() {
    SignInRateLimiter other = newInstance();
    Subject bob = Subject.user(BOB, "10.0.0.1", null);
    for (int i = 0; i < 4; i++) {
      other.begin(bob).await();
    }

    limiter.succeeded(limiter.begin(bob).await()).await();

    for (int i = 0; i < 5; i++) {
      assertThat(other.begin(bob).await().refused()).as("attempt %d after the success", i).isFalse();
    }
    assertThat(other.begin(bob).await().refused()).isTrue();
  }

  @Test
  void adminsSeeTheLimitsReachedAndLiftThemByUserOrAddress() {
    for (int i = 0; i < 5; i++) {
      limiter.begin(alice("10.0.0.1")).await();
    }
    for (int i = 0; i < 20; i++) {
      limiter.begin(Subject.login("nobody-" + i, "10.0.0.2")).await();
    }

    assertThat(limiter.lockouts().await()).extracting(SignInLockout::scope, SignInLockout::userId, SignInLockout::address)
        .containsExactlyInAnyOrder(
            tuple(SignInLockout.Scope.ACCOUNT_ADDRESS, ALICE, "10.0.0.1"),
            tuple(SignInLockout.Scope.ADDRESS, null, "10.0.0.2"));

    assertThat(limiter.clearUser(ALICE).await()).isEqualTo(10); // per address and account-wide
    assertThat(limiter.begin(alice("10.0.0.1")).await().refused()).isFalse();
    assertThat(limiter.clearAddress("10.0.0.2").await()).isEqualTo(40); // address-wide and per account there
    assertThat(limiter.begin(Subject.login("someone", "10.0.0.2")).await().refused()).isFalse();
    assertThat(limiter.lockouts().await()).isEmpty();
  }

  @Test
  void purgingForgetsOnlyFailuresOlderThanTheWindow() {
    Subject bob = Subject.user(BOB, "10.0.0.1", null);
    for (int i = 0; i < 5; i++) {
      limiter.begin(bob).await();
    }
    assertThat(limiter.purgeExpired().await()).isZero();
    assertThat(limiter.begin(bob).await().refused()).isTrue();

    clock.advance(Duration.ofMinutes(16));
    assertThat(limiter.purgeExpired().await()).isEqualTo(15); // five per account-and-address, address, account
    clock.advance(Duration.ofMinutes(-16));
    assertThat(limiter.begin(bob).await().refused()).as("gone even seen from before").isFalse();
  }
}
