package io.devsanctum.common.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

  @Test
  void theSecondsWrittenByAServiceAreReadBackByTheGateway() {
    var failure = RetryAfter.failure("too many failed sign-ins", 42);

    assertThat(ErrorCode.of(failure)).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(failure.getMessage()).isEqualTo("too many failed sign-ins");
    assertThat(RetryAfter.seconds(failure)).hasValue(42);
  }

  @Test
  void aConflictThatResolvesItselfCarriesItsRetryAfterToo() {
    var failure = RetryAfter.failure(ErrorCode.CONFLICT, "exchanged moments ago", 3);

    assertThat(ErrorCode.of(failure)).isEqualTo(ErrorCode.CONFLICT);
    assertThat(RetryAfter.seconds(failure)).hasValue(3);
  }

  @Test
  void failuresThatDoNotSayCarryNoRetryAfter() {
    assertThat(RetryAfter.seconds(ErrorCode.CONFLICT.exception("name: already taken"))).isEmpty();
  }

  @Test
  void aRetryAfterIsNeverZero() {
    assertThat(RetryAfter.seconds(RetryAfter.failure("slow down", 0))).hasValue(1);
  }

  @Test
  void everyUnavailabilityAsksTheCallerToComeBackLater() {
    var outage = RetryAfter.unavailable("the database is unavailable");

    assertThat(ErrorCode.of(outage)).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(RetryAfter.seconds(outage)).hasValue(RetryAfter.OUTAGE_SECONDS);
    assertThat(RetryAfter.seconds(ErrorCode.UNAVAILABLE.exception("no healthy Docker host")))
        .hasValue(RetryAfter.OUTAGE_SECONDS);
    assertThat(RetryAfter.seconds(new ReplyException(ReplyFailure.NO_HANDLERS, "no handlers")))
        .hasValue(RetryAfter.OUTAGE_SECONDS);
    assertThat(RetryAfter.seconds(new ReplyException(ReplyFailure.TIMEOUT, "timed out")))
        .hasValue(RetryAfter.OUTAGE_SECONDS);
  }
}
