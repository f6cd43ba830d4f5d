package io.devsanctum.auth.model;

import java.util.List;

/**
 * What an OAuth2 provider says about the person who signed in.
 *
 * @param subject       the provider's stable id for the person (never their email, which can change)
 * @param email         their email, or null when the provider gave none
 * @param emailVerified whether the provider has verified that they own {@code email}
 * @param login         their handle at the provider (GitHub login, OpenID Connect preferred_username), or null
 * @param name          their full name, or null
 * @param groups        the groups or roles the provider puts them in (empty when it says none)
 * @param idTokenHint   the ID token to hand back to the provider when the sign-in is signed out, for
 *                      providers configured to end their own session then; null otherwise
 */
public record OAuthProfile(String subject, String email, boolean emailVerified, String login, String name,
    List<String> groups, String idTokenHint) {

  public OAuthProfile {
    groups = List.copyOf(groups);
  }

  @Override
  public String toString() {
    return "OAuthProfile[subject=" + subject + ", email=" + email + "]"; // never print the token
  }

  /** What a username for them is best made from: their handle, else their name, else their email's local part. */
  public String usernameHint() {
    if (login != null && !login.isBlank()) {
      return login;
    }
    if (name != null && !name.isBlank()) {
      return name;
    }
    return email == null ? null : email.substring(0, Math.max(0, email.indexOf('@')));
  }
}
