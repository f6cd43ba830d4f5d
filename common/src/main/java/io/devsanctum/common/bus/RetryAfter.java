package io.devsanctum.common.bus;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.OptionalLong;

/**
 * When a refused request may be tried again: a RATE_LIMITED refusal or a CONFLICT that resolves
 * itself says so as its {@link BusFailure#retryAfterSeconds()}; every unavailability (an outage, or
 * a service that did not answer at all) asks for {@link #OUTAGE_SECONDS} unless it said otherwise.
 * The gateway turns it into the HTTP {@code Retry-After} header.
 */
public final class RetryAfter {

  /** What an outage asks callers to wait: outages are probed every second and most pass in seconds. */
  public static final long OUTAGE_SECONDS = 5;

  private RetryAfter() {
  }

  /** A RATE_LIMITED failure; {@code seconds} is at least 1 so clients never retry immediately. */
  public static BusFailure failure(String reason, long seconds) {
    return failure(ErrorCode.RATE_LIMITED, reason, seconds);
  }

  /** A failure of {@code code} that asks to be retried after {@code seconds} (at least 1). */
  public static BusFailure failure(ErrorCode code, String reason, long seconds) {
    return code.exception(reason).retryAfter(seconds);
  }

  /** An UNAVAILABLE failure: something this request needs is out of reach for now. */
  public static BusFailure unavailable(String reason) {
    return failure(ErrorCode.UNAVAILABLE, reason, OUTAGE_SECONDS);
  }

  /** The seconds the failure asks the caller to wait: what it said, or for an unavailability the outage default. */
  public static OptionalLong seconds(ReplyException failure) {
    if (failure.failureType() == ReplyFailure.TIMEOUT || failure.failureType() == ReplyFailure.NO_HANDLERS) {
      return OptionalLong.of(OUTAGE_SECONDS); // the service itself did not answer
    }
    if (failure instanceof BusFailure refused && refused.retryAfterSeconds().isPresent()) {
      return refused.retryAfterSeconds();
    }
    return ErrorCode.of(failure) == ErrorCode.UNAVAILABLE ? OptionalLong.of(OUTAGE_SECONDS) : OptionalLong.empty();
  }
}
