package io.devsanctum.common.domain;

/** Well-formed, but it cannot be done (an archived template, an image no host has). */
public final class UnprocessableException extends DomainException {

  public UnprocessableException(String message) {
    super(message, null);
  }
}
