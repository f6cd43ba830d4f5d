package io.devsanctum.auth.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.devsanctum.auth.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SignInRateLimiterTest {

  private final MutableClock clock = new MutableClock();
  private final SignInRateLimiter limiter = new SignInRateLimiter(clock);

  @Test
  void fiveFailuresForOneAccountBlockItUntilTheFirstIsFifteenMinutesOld() {
    for (int i = 0; i < 5; i++) {
      assertThat(limiter.retryAfter("Alice", "10.0.0.1")).isEmpty();
      limiter.recordFailure("Alice", "10.0.0.1");
      clock.advance(Duration.ofMinutes(1));
    }

    assertThat(limiter.retryAfter("alice", "10.0.0.2")).hasValue(Duration.ofMinutes(10));
    clock.advance(Duration.ofMinutes(10));
    assertThat(limiter.retryAfter("alice", "10.0.0.2")).isEmpty();
  }

  @Test
  void twentyFailuresFromOneAddressBlockItForEveryAccount() {
    for (int i = 0; i < 20; i++) {
      limiter.recordFailure("user" + i, "10.0.0.1");
    }

    assertThat(limiter.retryAfter("someone-else", "10.0.0.1")).hasValue(Duration.ofMinutes(15));
    assertThat(limiter.retryAfter("someone-else", "10.0.0.9")).isEmpty();
  }

  @Test
  void purgingForgetsOnlyFailuresOlderThanTheWindow() {
    for (int i = 0; i < 5; i++) {
      limiter.recordFailure("bob", "10.0.0.1");
    }
    limiter.purgeExpired();
    assertThat(limiter.retryAfter("bob", "10.0.0.1")).isPresent();

    clock.advance(Duration.ofMinutes(16));
    limiter.purgeExpired();
    assertThat(limiter.retryAfter("bob", "10.0.0.1")).isEmpty();
  }
}
