package io.devsanctum.common.domain;

/** An input breaks a rule: which field, and why. */
public final class InvalidInputException extends DomainException {

  private final String field;
  private final String reason;

  public InvalidInputException(String field, String reason) {
    super(field + ": " + reason, null);
    this.field = field;
    this.reason = reason;
  }

  public String field() {
    return field;
  }

  public String reason() {
    return reason;
  }
}
