package io.devsanctum.auth.repository;

import io.devsanctum.common.contract.auth.Role;

/**
 * A change decided on the target's role was rolled back because that role had changed by the time
 * it was written (a member made an owner meanwhile, say): the decision no longer holds.
 */
public class RoleChangedException extends RuntimeException {

  public RoleChangedException(Role decidedOn) {
    super("the account's role changed from " + decidedOn.wireName() + " while the change was being decided");
  }
}
