package io.devsanctum.common.bus;

import io.devsanctum.common.domain.ConflictException;
import io.devsanctum.common.domain.DomainException;
import io.devsanctum.common.domain.ForbiddenException;
import io.devsanctum.common.domain.InvalidInputException;
import io.devsanctum.common.domain.NoAnswerException;
import io.devsanctum.common.domain.NotFoundException;
import io.devsanctum.common.domain.RateLimitedException;
import io.devsanctum.common.domain.UnauthenticatedException;
import io.devsanctum.common.domain.UnavailableException;
import io.devsanctum.common.domain.UnprocessableException;
import java.time.Duration;
import java.util.List;

/**
 * Where the domain's refusals become bus failures (at the endpoints, and nowhere else), and where
 * another service's bus failures become domain exceptions again for a service's own core (in its
 * adapters' clients, see {@link TypedBus#serviceClient}).
 */
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

  /**
   * The domain exception a bus failure stands for; a call nobody answered is a
   * {@link NoAnswerException}. Failures without a domain meaning (INTERNAL, say) stay as they are.
   */
  public static Throwable inbound(Throwable failure) {
    if (BusRequests.didNotAnswer(failure)) {
      return new NoAnswerException(failure.getMessage());
    }
    if (!(failure instanceof BusFailure refused)) {
      return failure;
    }
    Duration retryAfter = refused.retryAfterSeconds().isPresent()
        ? Duration.ofSeconds(refused.retryAfterSeconds().getAsLong()) : null;
    return switch (refused.errorCode()) {
      case NOT_FOUND -> new NotFoundException(refused.getMessage());
      case CONFLICT -> new ConflictException(refused.getMessage(), retryAfter);
      case VALIDATION -> refused.fieldErrors().isEmpty()
          ? new InvalidInputException("request", refused.getMessage())
          : new InvalidInputException(refused.fieldErrors().get(0).field(), refused.fieldErrors().get(0).reason());
      case FORBIDDEN -> new ForbiddenException(refused.getMessage());
      case UNAUTHENTICATED -> new UnauthenticatedException(refused.getMessage());
      case UNPROCESSABLE -> new UnprocessableException(refused.getMessage());
      case RATE_LIMITED -> new RateLimitedException(refused.getMessage(), retryAfter);
      case UNAVAILABLE -> new UnavailableException(refused.getMessage(), retryAfter);
      default -> refused;
    };
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
    // UnavailableException, NoAnswerException
    return ErrorCode.UNAVAILABLE;
  }
}
