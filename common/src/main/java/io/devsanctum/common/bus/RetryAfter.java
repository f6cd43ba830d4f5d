package io.devsanctum.common.bus;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a RATE_LIMITED, UNAVAILABLE or self-resolving CONFLICT failure says when to try again. A {@link ReplyException}
 * carries only a code and a message, so the seconds travel at the end of the message ("...; retry
 * after 42 seconds"), written and read only here: services call {@link #failure} or
 * {@link #unavailable}, the gateway calls {@link #seconds} to set the HTTP {@code Retry-After}
 * header. Every unavailability says when to come back, whether it named a time or not.
 */
public final class RetryAfter {

  /** What an outage asks callers to wait: outages are probed every second and most pass in seconds. */
  public static final long OUTAGE_SECONDS = 5;

  private static final Pattern TRAILER = Pattern.compile("; retry after (\\d+) seconds$");

  private RetryAfter() {
  }

  /** A RATE_LIMITED failure; {@code seconds} is at least 1 so clients never retry immediately. */
  public static ReplyException failure(String reason, long seconds) {
    return failure(ErrorCode.RATE_LIMITED, reason, seconds);
  }

  /** A failure of {@code code} that asks to be retried after {@code seconds} (at least 1). */
  public static ReplyException failure(ErrorCode code, String reason, long seconds) {
    return code.exception(withTrailer(reason, seconds));
  }

  /** An UNAVAILABLE failure: something this request needs is out of reach for now. */
  public static ReplyException unavailable(String reason) {
    return ErrorCode.UNAVAILABLE.exception(withTrailer(reason, OUTAGE_SECONDS));
  }

  /** The seconds the failure asks the caller to wait: what it said, or for an unavailability the outage default. */
  public static OptionalLong seconds(ReplyException failure) {
    if (failure.failureType() == ReplyFailure.TIMEOUT || failure.failureType() == ReplyFailure.NO_HANDLERS) {
      return OptionalLong.of(OUTAGE_SECONDS); // the service itself did not answer
    }
    ErrorCode code = ErrorCode.of(failure);
    Matcher matcher = failure.getMessage() == null ? null : TRAILER.matcher(failure.getMessage());
    if (matcher != null && matcher.find()) {
      return OptionalLong.of(Long.parseLong(matcher.group(1)));
    }
    return code == ErrorCode.UNAVAILABLE ? OptionalLong.of(OUTAGE_SECONDS) : OptionalLong.empty();
  }

  private static String withTrailer(String reason, long seconds) {
    return reason + "; retry after " + Math.max(1, seconds) + " seconds";
  }
}
