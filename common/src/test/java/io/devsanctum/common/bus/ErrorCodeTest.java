package io.devsanctum.common.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ErrorCodeTest {

  @Test
  void everyCodeIsDistinctAndRoundTrips() {
    assertThat(Arrays.stream(ErrorCode.values()).map(ErrorCode::code).distinct().count())
        .isEqualTo(ErrorCode.values().length);
    for (ErrorCode code : ErrorCode.values()) {
      assertThat(ErrorCode.of(code.exception("x"))).isEqualTo(code);
    }
  }

  @Test
  void timeoutsAndMissingHandlersMeanUnavailable() {
    assertThat(ErrorCode.of(new ReplyException(ReplyFailure.TIMEOUT, "t"))).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(ErrorCode.of(new ReplyException(ReplyFailure.NO_HANDLERS, "n"))).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(ErrorCode.UNAVAILABLE.httpStatus()).isEqualTo(503);
  }

  @Test
  void unknownFailuresAreInternal() {
    assertThat(ErrorCode.of(new IllegalStateException())).isEqualTo(ErrorCode.INTERNAL);
    assertThat(ErrorCode.fromCode(42)).isEqualTo(ErrorCode.INTERNAL);
  }
}
