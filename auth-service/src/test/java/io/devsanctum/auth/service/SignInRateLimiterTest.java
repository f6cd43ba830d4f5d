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
import io.vertx.sqlclient.Pool;
import java.time.Duration;
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
      assertThat(limiter.retryAfter("Alice", "10.0.0.1").await()).isEmpty();
      limiter.recordFailure("Alice", "10.0.0.1").await();
      clock.advance(Duration.ofMinutes(1));
    }

    assertThat(limiter.retryAfter("alice", "10.0.0.2").await()).hasValue(Duration.ofMinutes(10));
    clock.advance(Duration.ofMinutes(10));
    assertThat(limiter.retryAfter("alice", "10.0.0.2").await()).isEmpty();
  }

  @Test
  void twentyFailuresFromOneAddressBlockItForEveryAccount() {
    for (int i = 0; i < 20; i++) {
      limiter.recordFailure("user" + i, "10.0.0.1").await();
    }

    assertThat(limiter.retryAfter("someone-else", "10.0.0.1").await()).hasValue(Duration.ofMinutes(15));
    assertThat(limiter.retryAfter("someone-else", "10.0.0.9").await()).isEmpty();
  }

  @Test
  void failuresCountedByOneInstanceLimitEveryOtherAndASuccessClearsThemForAll() {
    SignInRateLimiter other = newInstance();
    for (int i = 0; i < 5; i++) {
      (i % 2 == 0 ? limiter : other).recordFailure("bob", "10.0.0." + i).await();
    }

    assertThat(other.retryAfter("bob", "10.0.0.9").await()).isPresent();
    limiter.recordSuccess("bob").await();
    assertThat(other.retryAfter("bob", "10.0.0.9").await()).isEmpty();
  }

  @Test
  void purgingForgetsOnlyFailuresOlderThanTheWindow() {
    for (int i = 0; i < 5; i++) {
      limiter.recordFailure("bob", "10.0.0.1").await();
    }
    assertThat(limiter.purgeExpired().await()).isZero();
    assertThat(limiter.retryAfter("bob", "10.0.0.1").await()).isPresent();

    clock.advance(Duration.ofMinutes(16));
    assertThat(limiter.purgeExpired().await()).isEqualTo(10); // five per account, five per address
    clock.advance(Duration.ofMinutes(-16));
    assertThat(limiter.retryAfter("bob", "10.0.0.1").await()).as("gone even seen from before").isEmpty();
  }
}
