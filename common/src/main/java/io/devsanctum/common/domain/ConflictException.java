package io.devsanctum.common.domain;

import java.time.Duration;

/** It clashes with the current state (a name taken, a workspace busy); some conflicts resolve themselves after {@code retryAfter}. */
public final class ConflictException extends DomainException {

  public ConflictException(String message) {
    super(message, null);
  }

  public ConflictException(String message, Duration retryAfter) {
    super(message, retryAfter);
  }
}
