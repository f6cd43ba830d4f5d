package io.devsanctum.auth.model;

import java.util.List;

/** A user as the admins' list shows them: with the ways they sign in. */
public record UserListing(User user, List<SignInMethod> signInMethods) {
}
