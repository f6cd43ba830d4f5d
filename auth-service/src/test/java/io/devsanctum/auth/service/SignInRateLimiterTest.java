package io.devsanctum.auth.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.devsanctum.auth.AuthVerticle;
import io.devsanctum.auth.MutableClock;
import io.devsanctum.auth.repository.pg.PgSignInFailureRepository;
import io.devsanctum.common.config.DatabaseConfig;
import io.devsanctum.common.db.PgPools;
import io.devsanctum.common.db.SchemaMigrator;
import io.devsanctum.common.runtime.VertxFactory;
import io.devsanctum.common.runtime.VertxRuntime;
import io.devsanctum.common.testkit.TestDatabase;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.List;
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

  @Test
  void fiveFailuresForOneAccountBlockItUntilTheFirstIsFifteenMinutesOld() {
    for (int i = 0; i < 5; i++) {
      assertThat(limiter.begin("Alice", "10.0.0.1").await().refused()).isFalse(); // and it fails
      clock.advance(Duration.ofMinutes(1));
    }

    assertThat(limiter.begin("alice", "10.0.0.2").await().retryAfter()).hasValue(Duration.ofMinutes(10));
    clock.advance(Duration.ofMinutes(10));
    assertThat(limiter.begin("alice", "10.0.0.2").await().refused()).isFalse();
  }

  @Test
  void twentyFailuresFromOneAddressBlockItForEveryAccount() {
    for (int i = 0; i < 20; i++) {
      limiter.begin("user" + i, "10.0.0.1").await();
    }

    assertThat(limiter.begin("someone-else", "10.0.0.1").await().retryAfter()).hasValue(Duration.ofMinutes(15));
    assertThat(limiter.begin("someone-else", "10.0.0.9").await().refused()).isFalse();
  }

  @Test
  void attemptsSentAtTheSameMomentToTwoInstancesCannotAllSlipUnderTheLimit() {
    SignInRateLimiter other = newInstance();

    List<Future<SignInRateLimiter.Attempt>> attempts = IntStream.range(0, 12)
        .mapToObj(i -> (i % 2 == 0 ? limiter : other).begin("bob", "10.0.0." + i))
        .toList();
    Future.all(attempts).await();

    assertThat(attempts.stream().filter(a -> !a.result().refused())).hasSize(5);
  }

  @Test
  void aSuccessTakesItsAttemptBackAndClearsTheAccountsFailuresForEveryInstance() {
    SignInRateLimiter other = newInstance();
    for (int i = 0; i < 4; i++) {
      other.begin("bob", "10.0.0.1").await();
    }

    limiter.succeeded(limiter.begin("bob", "10.0.0.1").await()).await();

    for (int i = 0; i < 5; i++) {
      assertThat(other.begin("bob", "10.0.0.1").await().refused()).as("attempt %d after the success", i).isFalse();
    }
    assertThat(other.begin("bob", "10.0.0.1").await().refused()).isTrue();
  }

  @Test
  void purgingForgetsOnlyFailuresOlderThanTheWindow() {
    for (int i = 0; i < 5; i++) {
      limiter.begin("bob", "10.0.0.1").await();
    }
    assertThat(limiter.purgeExpired().await()).isZero();
    assertThat(limiter.begin("bob", "10.0.0.1").await().refused()).isTrue();

    clock.advance(Duration.ofMinutes(16));
    assertThat(limiter.purgeExpired().await()).isEqualTo(10); // five per account, five per address
    clock.advance(Duration.ofMinutes(-16));
    assertThat(limiter.begin("bob", "10.0.0.1").await().refused()).as("gone even seen from before").isFalse();
  }
}
