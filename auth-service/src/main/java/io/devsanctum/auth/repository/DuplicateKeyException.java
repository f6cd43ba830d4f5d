package io.devsanctum.auth.repository;

/** A row was refused because a unique value ({@link #field()}) is already taken. */
public class DuplicateKeyException extends RuntimeException {

  private final String field;

  public DuplicateKeyException(String field) {
    super(field + " is already taken");
    this.field = field;
  }

  public String field() {
    return field;
  }
}
