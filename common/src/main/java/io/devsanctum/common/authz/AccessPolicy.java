package io.devsanctum.common.authz;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.contract.auth.Role;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The one authorization rule: which permissions each role grants, and whether a caller (a role
 * narrowed by the scopes of the credential it came with) holds a permission. Pure, so the gateway
 * and every service ask the same question and the role matrix test derives its expectations here.
 * DevSanctum's services acting on their own account hold every permission.
 */
public final class AccessPolicy {

  private static final Set<Permission> MEMBER = EnumSet.of(Permission.ACCOUNT, Permission.OWN_WORKSPACE_READ,
      Permission.OWN_WORKSPACE_WRITE, Permission.OWN_WORKSPACE_CONNECT, Permission.TEMPLATE_READ);
  private static final Map<Role, Set<Permission>> GRANTS = grants();

  private AccessPolicy() {
  }

  private static Map<Role, Set<Permission>> grants() {
    Map<Role, Set<Permission>> grants = new EnumMap<>(Role.class);
    grants.put(Role.OWNER, EnumSet.allOf(Permission.class));
    grants.put(Role.USER_ADMIN, with(Permission.USER_READ, Permission.USER_WRITE));
    grants.put(Role.TEMPLATE_ADMIN, with(Permission.TEMPLATE_WRITE, Permission.DOCKER_HOST_READ));
    grants.put(Role.AUDITOR, with(Permission.AUDIT_READ, Permission.USER_READ, Permission.ANY_WORKSPACE_READ,
        Permission.DOCKER_HOST_READ));
    grants.put(Role.MEMBER, with());
    for (Role role : Role.values()) {
      grants.put(role, Collections.unmodifiableSet(grants.get(role)));
    }
    return grants;
  }

  private static Set<Permission> with(Permission... more) {
    Set<Permission> permissions = EnumSet.copyOf(MEMBER);
    permissions.addAll(Set.of(more));
    return permissions;
  }

  /** What {@code role} grants, whatever the credential. */
  public static Set<Permission> permissions(Role role) {
    return GRANTS.get(role);
  }

  public static boolean grants(Role role, Permission permission) {
    return GRANTS.get(role).contains(permission);
  }

  /** Whether credentials holding {@code scopes} may be used for {@code permission}. */
  public static boolean covers(Set<Scope> scopes, Permission permission) {
    return scopes.contains(Scope.ALL) || scopes.contains(permission.scope());
  }

  public static boolean allows(Caller caller, Permission permission) {
    return refusal(caller, permission).isEmpty();
  }

  /** Why {@code caller} does not hold {@code permission} (naming the missing role or scope); empty when it does. */
  public static Optional<String> refusal(Caller caller, Permission permission) {
    if (caller == null) {
      return Optional.of("this needs a signed-in caller");
    }
    if (caller.isService()) {
      return Optional.empty();
    }
    Role role = caller.userRole();
    if (!grants(role, permission)) {
      return Optional.of("the role " + role.wireName() + " may not do this (it needs " + permission.wireName() + ")");
    }
    if (!covers(caller.scopes(), permission)) {
      return Optional.of("this API token lacks the scope " + permission.scope().wireName());
    }
    return Optional.empty();
  }

  /**
   * Why {@code caller} may not {@code use} a workspace of {@code ownerId}: the {@code own-…}
   * permission decides on the caller's own workspaces, the {@code any-…} one on others'.
   */
  public static Optional<String> refusalOnWorkspace(Caller caller, UUID ownerId, WorkspaceUse use) {
    boolean own = caller != null && !caller.isService() && caller.userId().equals(ownerId);
    return refusal(caller, use.permission(own));
  }

  public static boolean allowsOnWorkspace(Caller caller, UUID ownerId, WorkspaceUse use) {
    return refusalOnWorkspace(caller, ownerId, use).isEmpty();
  }

  /**
   * What changing the account of a user who has role {@code current} (null: a new account) so that
   * it has {@code next} (null: the same) needs: {@link Permission#OWNER_WRITE} when either is an
   * owner, else {@link Permission#USER_WRITE}. So user admins neither make owners nor touch theirs.
   */
  public static Permission accountChange(Role current, Role next) {
    return current == Role.OWNER || next == Role.OWNER ? Permission.OWNER_WRITE : Permission.USER_WRITE;
  }

  /** The permissions {@code caller} holds: its role's, narrowed to its credential's scopes. */
  public static Set<Permission> held(Caller caller) {
    Set<Permission> held = EnumSet.noneOf(Permission.class);
    for (Permission permission : Permission.values()) {
      if (allows(caller, permission)) {
        held.add(permission);
      }
    }
    return held;
  }

  /** Why a user of {@code role} may not put {@code scopes} on an API token (naming the first scope it may not); empty when it may. */
  public static Optional<String> scopeRefusal(Role role, Set<Scope> scopes) {
    Set<Scope> grantable = grantableScopes(role);
    return scopes.stream().sorted().filter(scope -> !grantable.contains(scope)).findFirst()
        .map(scope -> "the role " + role.wireName() + " may not hold the scope " + scope.wireName());
  }

  /** The scopes a user of {@code role} may put on an API token: those of a permission the role grants. */
  public static Set<Scope> grantableScopes(Role role) {
    Set<Scope> scopes = EnumSet.of(Scope.ALL);
    GRANTS.get(role).forEach(permission -> scopes.add(permission.scope()));
    return scopes;
  }
}
