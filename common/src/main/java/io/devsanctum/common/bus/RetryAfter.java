package io.devsanctum.common.bus;

import io.vertx.core.eventbus.ReplyException;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a failure (RATE_LIMITED, or a CONFLICT that resolves itself shortly) says when to try again. A {@link ReplyException} carries only a code
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
    return failure(ErrorCode.RATE_LIMITED, reason, seconds);
  }

  /** A failure of {@code code} that asks to be retried after {@code seconds} (at least 1). */
  public static ReplyException failure(ErrorCode code, String reason, long seconds) {
    return code.exception(reason + "; retry after " + Math.max(1, seconds) + " seconds");
  }

  /** The seconds a failure asked the caller to wait, if it said. */
  public static OptionalLong seconds(ReplyException failure) {
    String message = failure.getMessage();
    if (message == null) {
      return OptionalLong.empty();
    }
    Matcher matcher = TRAILER.matcher(message);
    return matcher.find() ? OptionalLong.of(Long.parseLong(matcher.group(1))) : OptionalLong.empty();
  }
}
