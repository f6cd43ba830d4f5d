package io.devsanctum.common.domain;

import java.time.Duration;

/**
 * A rule of the domain said no. Services and repositories raise these (never transport failures);
 * the endpoint that serves a service on the event bus turns each kind into its bus failure, and the
 * gateway that into an HTTP problem. Expected outcomes, so no stack trace is kept.
 */
public abstract sealed class DomainException extends RuntimeException
    permits NotFoundException, ConflictException, InvalidInputException, ForbiddenException,
    UnauthenticatedException, UnprocessableException, RateLimitedException, UnavailableException,
    NoAnswerException {

  private final Duration retryAfter;

  protected DomainException(String message, Duration retryAfter) {
    super(message, null, false, false);
    this.retryAfter = retryAfter;
  }

  /** When trying again may succeed, if the refusal knows; null otherwise. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
