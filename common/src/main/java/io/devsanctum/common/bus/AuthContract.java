package io.devsanctum.common.bus;

/** Request/reply addresses served by auth-service. */
public final class AuthContract {

  /** {} → {firstUserRequired: boolean} */
  public static final String SETUP_STATUS = "auth.setup.status";
  /** {email, username, displayName?, password} → user; CONFLICT once any user exists. */
  public static final String SETUP_FIRST_ADMIN = "auth.setup.first-admin";

  private AuthContract() {
  }
}
