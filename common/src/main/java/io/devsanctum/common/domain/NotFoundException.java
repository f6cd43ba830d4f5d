package io.devsanctum.common.domain;

/** What was asked for does not exist (or is not the caller's to see). */
public final class NotFoundException extends DomainException {

  public NotFoundException(String message) {
    super(message, null);
  }
}
