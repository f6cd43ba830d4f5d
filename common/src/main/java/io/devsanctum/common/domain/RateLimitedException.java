package io.devsanctum.common.domain;

import java.time.Duration;

/** Too many attempts: refused until {@code retryAfter} has passed. */
public final class RateLimitedException extends DomainException {

  public RateLimitedException(String message, Duration retryAfter) {
    super(message, retryAfter);
  }
}
