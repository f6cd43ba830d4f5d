package io.devsanctum.common.contract.auth;

import io.devsanctum.common.bus.Nullable;

/** What is asked of someone who creates an account with a password. */
public record NewUser(String email, String username, @Nullable String displayName, String password) {

  @Override
  public String toString() {
    return "NewUser[email=" + email + ", username=" + username + "]"; // never print the password
  }
}
