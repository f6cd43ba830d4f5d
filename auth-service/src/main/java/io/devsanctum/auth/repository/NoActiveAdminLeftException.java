package io.devsanctum.auth.repository;

/** A change was rolled back because afterwards no user would be an active admin. */
public class NoActiveAdminLeftException extends RuntimeException {

  public NoActiveAdminLeftException() {
    super("the change would leave no active owner");
  }
}
