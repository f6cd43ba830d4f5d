package io.devsanctum.common.bus;

import io.devsanctum.common.domain.ConflictException;
import io.devsanctum.common.domain.DomainException;
import io.devsanctum.common.domain.ForbiddenException;
import io.devsanctum.common.domain.InvalidInputException;
import io.devsanctum.common.domain.NotFoundException;
import io.devsanctum.common.domain.RateLimitedException;
import io.devsanctum.common.domain.UnauthenticatedException;
import io.devsanctum.common.domain.UnprocessableException;
import java.util.List;

/** Where the domain's refusals become bus failures: at the endpoints, and nowhere else. */
public final class DomainFailures {

  private DomainFailures() {
  }

  /** The bus failure for a domain exception; null for any other failure. */
  public static BusFailure translate(Throwable failure) {
    if (!(failure instanceof DomainException refused)) {
      return null;
    }
    ErrorCode code = codeOf(refused);
    List<FieldError> fields = refused instanceof InvalidInputException invalid
        ? List.of(new FieldError(invalid.field(), invalid.reason())) : List.of();
    Long retryAfter = refused.retryAfter() == null ? null : (refused.retryAfter().toMillis() + 999) / 1000;
    if (retryAfter == null && code == ErrorCode.UNAVAILABLE) {
      retryAfter = RetryAfter.OUTAGE_SECONDS;
    }
    return new BusFailure(code, refused.getMessage(), fields, retryAfter);
  }

  private static ErrorCode codeOf(DomainException refused) {
    if (refused instanceof NotFoundException) {
      return ErrorCode.NOT_FOUND;
    } else if (refused instanceof ConflictException) {
      return ErrorCode.CONFLICT;
    } else if (refused instanceof InvalidInputException) {
      return ErrorCode.VALIDATION;
    } else if (refused instanceof ForbiddenException) {
      return ErrorCode.FORBIDDEN;
    } else if (refused instanceof UnauthenticatedException) {
      return ErrorCode.UNAUTHENTICATED;
    } else if (refused instanceof UnprocessableException) {
      return ErrorCode.UNPROCESSABLE;
    } else if (refused instanceof RateLimitedException) {
      return ErrorCode.RATE_LIMITED;
    }
    return ErrorCode.UNAVAILABLE;
  }
}
