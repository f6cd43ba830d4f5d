package io.devsanctum.auth.model;

/** What is asked of someone who creates an account with a password. */
public record NewUser(String email, String username, String displayName, String password) {

  @Override
  public String toString() {
    return "NewUser[email=" + email + ", username=" + username + "]"; // never print the password
  }
}
