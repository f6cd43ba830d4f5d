package io.devsanctum.common.contract.auth;

import io.devsanctum.common.authz.Scope;
import java.util.Set;
import java.util.UUID;

/**
 * Who a credential stands for now, as services act on it (see common's Caller): the user's current
 * role, and the scopes of the credential ({@link Scope#full()} for sign-ins and SSH keys).
 */
public record Identity(UUID userId, Role role, String username, boolean passwordChangeRequired, Set<Scope> scopes) {

  public Identity {
    scopes = Set.copyOf(scopes);
  }
}
