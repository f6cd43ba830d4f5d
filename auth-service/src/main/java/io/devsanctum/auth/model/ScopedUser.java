package io.devsanctum.auth.model;

import io.devsanctum.common.authz.Scope;
import io.devsanctum.common.contract.auth.Identity;
import java.util.Set;

/** A user as a credential with only some {@code scopes} (an API token) stands for them. */
public record ScopedUser(StoredUser user, Set<Scope> scopes) {

  public ScopedUser {
    scopes = Set.copyOf(scopes);
  }

  public Identity identity() {
    return user.identity(scopes);
  }
}
