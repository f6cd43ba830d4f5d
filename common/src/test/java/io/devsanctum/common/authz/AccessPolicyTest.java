package io.devsanctum.common.authz;

import static org.assertj.core.api.Assertions.assertThat;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.contract.auth.Role;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {

  private static Caller caller(Role role) {
    return new Caller(UUID.randomUUID(), role, role.wireName());
  }

  @Test
  void ownersHoldEveryPermissionMembersOnlyTheirOwnAccountWorkspacesAndTemplateReading() {
    assertThat(AccessPolicy.permissions(Role.OWNER)).containsExactlyInAnyOrder(Permission.values());
    assertThat(AccessPolicy.permissions(Role.MEMBER)).containsExactlyInAnyOrder(Permission.ACCOUNT,
        Permission.OWN_WORKSPACE_READ, Permission.OWN_WORKSPACE_WRITE, Permission.OWN_WORKSPACE_CONNECT,
        Permission.TEMPLATE_READ);
  }

  @Test
  void eachAdminRoleAddsItsOwnAreaToWhatMembersHold() {
    assertThat(AccessPolicy.permissions(Role.USER_ADMIN)).contains(Permission.USER_READ, Permission.USER_WRITE)
        .doesNotContain(Permission.OWNER_WRITE, Permission.TEMPLATE_WRITE, Permission.AUDIT_READ,
            Permission.ANY_WORKSPACE_READ);
    assertThat(AccessPolicy.permissions(Role.TEMPLATE_ADMIN)).contains(Permission.TEMPLATE_WRITE,
        Permission.DOCKER_HOST_READ).doesNotContain(Permission.USER_READ, Permission.ANY_WORKSPACE_READ);
    assertThat(AccessPolicy.permissions(Role.AUDITOR)).contains(Permission.AUDIT_READ, Permission.USER_READ,
        Permission.ANY_WORKSPACE_READ, Permission.DOCKER_HOST_READ).doesNotContain(Permission.USER_WRITE,
        Permission.TEMPLATE_WRITE, Permission.ANY_WORKSPACE_WRITE, Permission.ANY_WORKSPACE_CONNECT);
    for (Role role : Role.values()) {
      assertThat(AccessPolicy.permissions(role)).as(role.wireName()).containsAll(AccessPolicy.permissions(Role.MEMBER));
    }
  }

  @Test
  void aRefusalNamesTheMissingRolePermissionOrTokenScope() {
    assertThat(AccessPolicy.refusal(caller(Role.MEMBER), Permission.TEMPLATE_WRITE))
        .contains("the role member may not do this (it needs template.write)");
    Caller reader = caller(Role.OWNER).withScopes(Set.of(Scope.WORKSPACES_READ));
    assertThat(AccessPolicy.refusal(reader, Permission.OWN_WORKSPACE_READ)).isEmpty();
    assertThat(AccessPolicy.refusal(reader, Permission.OWN_WORKSPACE_WRITE))
        .contains("this API token lacks the scope workspaces:write");
    assertThat(AccessPolicy.refusal(reader, Permission.ACCOUNT)).contains("this API token lacks the scope all");
    assertThat(AccessPolicy.refusal(null, Permission.TEMPLATE_READ)).isPresent();
    assertThat(AccessPolicy.refusal(Caller.service("workspace"), Permission.OWNER_WRITE)).isEmpty();
  }

  @Test
  void theRoleDecidesBeforeTheScopeATokenCannotWidenItsUsersRole() {
    Caller memberWithUsersWrite = caller(Role.MEMBER).withScopes(Set.of(Scope.USERS_WRITE));
    assertThat(AccessPolicy.refusal(memberWithUsersWrite, Permission.USER_WRITE))
        .contains("the role member may not do this (it needs user.write)");
  }

  @Test
  void ownOrAnyWorkspacePermissionsDependOnWhoseWorkspaceItIs() {
    Caller member = caller(Role.MEMBER);
    Caller auditor = caller(Role.AUDITOR);
    UUID someoneElse = UUID.randomUUID();
    assertThat(AccessPolicy.allowsOnWorkspace(member, member.userId(), WorkspaceUse.WRITE)).isTrue();
    assertThat(AccessPolicy.allowsOnWorkspace(member, someoneElse, WorkspaceUse.READ)).isFalse();
    assertThat(AccessPolicy.allowsOnWorkspace(auditor, someoneElse, WorkspaceUse.READ)).isTrue();
    assertThat(AccessPolicy.allowsOnWorkspace(auditor, someoneElse, WorkspaceUse.WRITE)).isFalse();
    assertThat(AccessPolicy.allowsOnWorkspace(auditor, someoneElse, WorkspaceUse.CONNECT)).isFalse();
    assertThat(AccessPolicy.allowsOnWorkspace(caller(Role.OWNER), someoneElse, WorkspaceUse.CONNECT)).isTrue();
    assertThat(AccessPolicy.allowsOnWorkspace(Caller.service("reconciler"), someoneElse, WorkspaceUse.WRITE)).isTrue();
  }

  @Test
  void tokensMayHoldOnlyScopesOfPermissionsTheRoleGrants() {
    assertThat(AccessPolicy.grantableScopes(Role.MEMBER)).containsExactlyInAnyOrder(Scope.ALL, Scope.WORKSPACES_READ,
        Scope.WORKSPACES_WRITE, Scope.WORKSPACES_CONNECT, Scope.TEMPLATES_READ);
    assertThat(AccessPolicy.grantableScopes(Role.OWNER)).containsExactlyInAnyOrder(Scope.values());
    assertThat(AccessPolicy.grantableScopes(Role.AUDITOR)).contains(Scope.AUDIT_READ, Scope.USERS_READ)
        .doesNotContain(Scope.USERS_WRITE, Scope.TEMPLATES_WRITE);
    assertThat(AccessPolicy.scopeRefusal(Role.MEMBER, EnumSet.of(Scope.WORKSPACES_READ, Scope.USERS_WRITE)))
        .contains("the role member may not hold the scope users:write");
    assertThat(AccessPolicy.scopeRefusal(Role.TEMPLATE_ADMIN, EnumSet.of(Scope.TEMPLATES_WRITE))).isEmpty();
  }

  @Test
  void makingOrChangingAnOwnerNeedsOwnerWriteAnyOtherAccountUserWrite() {
    assertThat(AccessPolicy.accountChange(Role.MEMBER, Role.AUDITOR)).isEqualTo(Permission.USER_WRITE);
    assertThat(AccessPolicy.accountChange(null, Role.MEMBER)).isEqualTo(Permission.USER_WRITE);
    assertThat(AccessPolicy.accountChange(Role.MEMBER, Role.OWNER)).isEqualTo(Permission.OWNER_WRITE);
    assertThat(AccessPolicy.accountChange(Role.OWNER, null)).isEqualTo(Permission.OWNER_WRITE);
    assertThat(AccessPolicy.accountChange(null, Role.OWNER)).isEqualTo(Permission.OWNER_WRITE);
  }

  @Test
  void heldPermissionsAreTheRolesNarrowedToTheScopes() {
    Caller connector = caller(Role.AUDITOR).withScopes(Set.of(Scope.WORKSPACES_CONNECT));
    assertThat(AccessPolicy.held(connector)).containsExactly(Permission.OWN_WORKSPACE_CONNECT);
    assertThat(AccessPolicy.held(caller(Role.MEMBER))).isEqualTo(AccessPolicy.permissions(Role.MEMBER));
  }
}
