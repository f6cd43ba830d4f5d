package io.devsanctum.common.contract.auth;

import java.util.List;

/** A user as the admins' list shows them: with the ways they sign in. */
public record ListedUser(User user, List<SignInMethod> signInMethods) {

  public ListedUser {
    signInMethods = List.copyOf(signInMethods);
  }
}
