package io.devsanctum.common.bus;

import io.vertx.core.eventbus.ReplyException;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a RATE_LIMITED failure says when to try again. A {@link ReplyException} carries only a code
 * and a message, so the seconds travel at the end of the message ("...; retry after 42 seconds"),
 * written and read only here: services call {@link #failure}, the gateway calls {@link #seconds}
 * to set the HTTP {@code Retry-After} header.
 */
public final class RetryAfter {

  private static final Pattern TRAILER = Pattern.compile("; retry after (\\d+) seconds$");

  private RetryAfter() {
  }

  /** A RATE_LIMITED failure; {@code seconds} is at least 1 so clients never retry immediately. */
  public static ReplyException failure(String reason, long seconds) {
    return ErrorCode.RATE_LIMITED.exception(reason + "; retry after " + Math.max(1, seconds) + " seconds");
  }

  /** The seconds a RATE_LIMITED failure asked the caller to wait, if it said. */
  public static OptionalLong seconds(ReplyException failure) {
    String message = failure.getMessage();
    if (ErrorCode.of(failure) != ErrorCode.RATE_LIMITED || message == null) {
      return OptionalLong.empty();
    }
    Matcher matcher = TRAILER.matcher(message);
    return matcher.find() ? OptionalLong.of(Long.parseLong(matcher.group(1))) : OptionalLong.empty();
  }
}
