package io.devsanctum.common.domain;

/**
 * Another service did not answer (none serves the call, or none in time): an outage to wait out,
 * unlike that service's own refusals.
 */
public final class NoAnswerException extends DomainException {

  public NoAnswerException(String message) {
    super(message, null);
  }
}
