package io.devsanctum.common.bus;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.List;
import java.util.OptionalLong;

/**
 * A refusal as it crosses the event bus: its {@link ErrorCode}, a message for people, and the
 * structured data a client acts on: the fields that were wrong and why, and when to try again. It
 * travels whole (its own codec, {@link BusFailureCodec}), so nothing is ever parsed out of a
 * message string; the gateway turns it into an RFC 7807 problem.
 */
public final class BusFailure extends ReplyException {

  private final ErrorCode errorCode;
  private final List<FieldError> fieldErrors;
  private final Long retryAfterSeconds;

  public BusFailure(ErrorCode code, String message, List<FieldError> fieldErrors, Long retryAfterSeconds) {
    super(ReplyFailure.RECIPIENT_FAILURE, code.code(), message);
    this.errorCode = code;
    this.fieldErrors = fieldErrors == null ? List.of() : List.copyOf(fieldErrors);
    this.retryAfterSeconds = retryAfterSeconds == null ? null : Math.max(1, retryAfterSeconds);
  }

  public static BusFailure of(ErrorCode code, String message) {
    return new BusFailure(code, message, List.of(), null);
  }

  /** A VALIDATION failure naming the field (a JSON pointer or a parameter name) and what is wrong with it. */
  public static BusFailure invalid(String field, String reason) {
    return new BusFailure(ErrorCode.VALIDATION, field + ": " + reason, List.of(new FieldError(field, reason)), null);
  }

  /** The same refusal, asking to be tried again after {@code seconds} (at least 1). */
  public BusFailure retryAfter(long seconds) {
    return new BusFailure(errorCode, getMessage(), fieldErrors, seconds);
  }

  public ErrorCode errorCode() {
    return errorCode;
  }

  public List<FieldError> fieldErrors() {
    return fieldErrors;
  }

  public OptionalLong retryAfterSeconds() {
    return retryAfterSeconds == null ? OptionalLong.empty() : OptionalLong.of(retryAfterSeconds);
  }

  /** Refusals are expected outcomes: no stack trace is kept, as none is ever shown or logged. */
  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
