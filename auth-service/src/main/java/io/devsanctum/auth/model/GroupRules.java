package io.devsanctum.auth.model;

import io.devsanctum.common.contract.auth.Role;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the groups (or roles) a provider says a person is in grant them here: whether they may sign
 * in at all, and which role they hold. Both are optional; without a role mapping the provider has
 * no say in roles, and without allowed groups everyone the provider signs in may come in.
 *
 * @param allowedGroups only people in at least one of these may sign in; empty: no such limit
 * @param roleByGroup   the role each group grants; with a mapping, the role is set at every sign-in
 *                      to the most privileged one the person's groups grant, else {@link Role#MEMBER}
 */
public record GroupRules(Set<String> allowedGroups, Map<String, Role> roleByGroup) {

  /** Groups play no part: everyone comes in, and roles are managed here only. */
  public static final GroupRules NONE = new GroupRules(Set.of(), Map.of());

  public GroupRules {
    allowedGroups = Set.copyOf(allowedGroups);
    roleByGroup = Map.copyOf(roleByGroup);
  }

  /** Whether someone in {@code groups} may sign in. */
  public boolean admits(Collection<String> groups) {
    return allowedGroups.isEmpty() || groups.stream().anyMatch(allowedGroups::contains);
  }

  /** The role {@code groups} grant, or empty when roles are not mapped from groups. */
  public Optional<Role> role(Collection<String> groups) {
    if (roleByGroup.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(groups.stream()
        .map(roleByGroup::get)
        .filter(role -> role != null)
        .min(Comparator.naturalOrder()) // Role lists the most privileged first
        .orElse(Role.MEMBER));
  }
}
