package io.devsanctum.common.domain;

import java.time.Duration;

/** Something this needs is out of reach for now (a Docker host down, no healthy host). */
public final class UnavailableException extends DomainException {

  public UnavailableException(String message) {
    super(message, null);
  }

  public UnavailableException(String message, Duration retryAfter) {
    super(message, retryAfter);
  }
}
