package io.devsanctum.common.domain;

/** The caller is not (or no longer) who they need to be: signed out, suspended, a bad credential. */
public final class UnauthenticatedException extends DomainException {

  public UnauthenticatedException(String message) {
    super(message, null);
  }
}
