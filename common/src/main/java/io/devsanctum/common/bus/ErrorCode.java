package io.devsanctum.common.bus;

import io.vertx.core.eventbus.ReplyException;
import java.util.Arrays;

/**
 * The one list of failure codes that travel in event-bus replies ({@code message.fail(code, ...)}).
 * The gateway turns each into an HTTP status and an RFC 7807 problem type.
 */
public enum ErrorCode {
  VALIDATION(1001, 400, "validation"),
  UNAUTHENTICATED(1002, 401, "unauthenticated"),
  FORBIDDEN(1003, 403, "forbidden"),
  NOT_FOUND(1004, 404, "not-found"),
  CONFLICT(1005, 409, "conflict"),
  UNPROCESSABLE(1006, 422, "unprocessable"),
  RATE_LIMITED(1007, 429, "rate-limited"),
  UNAVAILABLE(1008, 503, "unavailable"),
  INTERNAL(1009, 500, "internal"),
  /** The caller's password is a one-time one from an admin's reset: nothing but changing it is allowed. */
  PASSWORD_CHANGE_REQUIRED(1010, 403, "password-change-required");

  private final int code;
  private final int httpStatus;
  private final String slug;

  ErrorCode(int code, int httpStatus, String slug) {
    this.code = code;
    this.httpStatus = httpStatus;
    this.slug = slug;
  }

  public int code() {
    return code;
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** Last path segment of the problem {@code type} URI. */
  public String slug() {
    return slug;
  }

  public static ErrorCode fromCode(int code) {
    return Arrays.stream(values()).filter(c -> c.code == code).findFirst().orElse(INTERNAL);
  }

  /** A failure to hand to {@code Future.failedFuture} (or throw) that keeps its code across the bus. */
  public BusFailure exception(String message) {
    return BusFailure.of(this, message);
  }

  /**
   * The code a failure carries: a bus failure's, a domain exception's (as the endpoint will send it),
   * UNAVAILABLE for timeouts and missing handlers, INTERNAL for anything else.
   */
  public static ErrorCode of(Throwable failure) {
    BusFailure domain = DomainFailures.translate(failure);
    if (domain != null) {
      return domain.errorCode();
    }
    if (failure instanceof ReplyException reply) {
      return switch (reply.failureType()) {
        case TIMEOUT, NO_HANDLERS -> UNAVAILABLE;
        case RECIPIENT_FAILURE, ERROR -> fromCode(reply.failureCode());
      };
    }
    return INTERNAL;
  }
}
