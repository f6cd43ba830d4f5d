package io.devsanctum.common.domain;

/** The caller may not do this. */
public final class ForbiddenException extends DomainException {

  public ForbiddenException(String message) {
    super(message, null);
  }
}
