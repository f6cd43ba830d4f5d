package io.devsanctum.auth.model;

import io.devsanctum.common.contract.auth.Role;
import io.devsanctum.common.contract.auth.UserStatus;

/**
 * A change to what a user may do: a new role or a new status; the component left null stays as
 * it is, so two admins changing different things at once do not overwrite each other.
 */
public record AccessChange(Role role, UserStatus status) {

  public static AccessChange role(Role role) {
    return new AccessChange(role, null);
  }

  public static AccessChange status(UserStatus status) {
    return new AccessChange(null, status);
  }
}
