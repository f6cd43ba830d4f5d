package io.devsanctum.workspace.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devsanctum.common.authz.Scope;
import io.devsanctum.common.authz.WorkspaceUse;
import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.contract.auth.Role;
import io.devsanctum.common.domain.ForbiddenException;
import io.devsanctum.common.domain.NotFoundException;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WorkspacePolicyTest {

  private final Caller owner = caller(Role.OWNER, "root");
  private final Caller userAdmin = caller(Role.USER_ADMIN, "uma");
  private final Caller templateAdmin = caller(Role.TEMPLATE_ADMIN, "tia");
  private final Caller auditor = caller(Role.AUDITOR, "aud");
  private final Caller ada = caller(Role.MEMBER, "ada");
  private final Caller auth = Caller.service("auth");
  private final UUID workspace = UUID.randomUUID();

  private static Caller caller(Role role, String username) {
    return new Caller(UUID.randomUUID(), role, username);
  }

  @Test
  void templatesAreChangedByTemplateAdminsAndOwnersAForgedMemberOnTheBusIsRefused() {
    assertThatCode(() -> WorkspacePolicy.requireTemplateManagement(templateAdmin)).doesNotThrowAnyException();
    assertThatCode(() -> WorkspacePolicy.requireTemplateManagement(owner)).doesNotThrowAnyException();
    for (Caller refused : new Caller[] {ada, auditor, userAdmin}) {
      assertThatThrownBy(() -> WorkspacePolicy.requireTemplateManagement(refused))
          .isInstanceOf(ForbiddenException.class).hasMessageContaining("template.write");
    }
    // the member's id with a role it does not have is still a member's call if the headers say member
    Caller forged = new Caller(templateAdmin.userId(), Role.MEMBER, "tia");
    assertThatThrownBy(() -> WorkspacePolicy.requireTemplateManagement(forged)).isInstanceOf(ForbiddenException.class);
  }

  @Test
  void everyoneReadsTemplatesButATokenWithoutTheScopeDoesNot() {
    assertThatCode(() -> WorkspacePolicy.requireTemplateReading(ada)).doesNotThrowAnyException();
    assertThatThrownBy(() -> WorkspacePolicy.requireTemplateReading(ada.withScopes(Set.of(Scope.WORKSPACES_READ))))
        .isInstanceOf(ForbiddenException.class).hasMessage("this API token lacks the scope templates:read");
  }

  @Test
  void quotasAreSetByUserAdminsAndReadByThoseWhoReadUsers() {
    assertThatCode(() -> WorkspacePolicy.requireQuotaManagement(userAdmin)).doesNotThrowAnyException();
    assertThatThrownBy(() -> WorkspacePolicy.requireQuotaManagement(auditor)).isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> WorkspacePolicy.requireQuotaManagement(templateAdmin)).isInstanceOf(ForbiddenException.class);
    assertThatCode(() -> WorkspacePolicy.requireQuotaAccess(ada, ada.userId())).doesNotThrowAnyException();
    assertThatCode(() -> WorkspacePolicy.requireQuotaAccess(auditor, ada.userId())).doesNotThrowAnyException();
    assertThatThrownBy(() -> WorkspacePolicy.requireQuotaAccess(ada, UUID.randomUUID()))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void aMemberReachesOnlyWhatTheyOwnOthersWorkspacesAreNotFound() {
    for (WorkspaceUse use : WorkspaceUse.values()) {
      assertThatCode(() -> WorkspacePolicy.requireWorkspace(ada, workspace, ada.userId(), use)).doesNotThrowAnyException();
      assertThatThrownBy(() -> WorkspacePolicy.requireWorkspace(ada, workspace, owner.userId(), use))
          .isInstanceOf(NotFoundException.class);
      assertThatThrownBy(() -> WorkspacePolicy.requireWorkspace(templateAdmin, workspace, ada.userId(), use))
          .isInstanceOf(NotFoundException.class);
      assertThatCode(() -> WorkspacePolicy.requireWorkspace(owner, workspace, ada.userId(), use)).doesNotThrowAnyException();
    }
  }

  @Test
  void anAuditorSeesEveryonesWorkspacesButChangesAndConnectsToNone() {
    assertThatCode(() -> WorkspacePolicy.requireWorkspace(auditor, workspace, ada.userId(), WorkspaceUse.READ))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> WorkspacePolicy.requireWorkspace(auditor, workspace, ada.userId(), WorkspaceUse.WRITE))
        .isInstanceOf(ForbiddenException.class).hasMessageContaining("any-workspace.write");
    assertThatThrownBy(() -> WorkspacePolicy.requireWorkspace(auditor, workspace, ada.userId(), WorkspaceUse.CONNECT))
        .isInstanceOf(ForbiddenException.class).hasMessageContaining("any-workspace.connect");
  }

  @Test
  void aTokenScopedToReadingMayNotChangeEvenItsOwnersWorkspace() {
    Caller reader = ada.withScopes(Set.of(Scope.WORKSPACES_READ));
    assertThatCode(() -> WorkspacePolicy.requireWorkspace(reader, workspace, ada.userId(), WorkspaceUse.READ))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> WorkspacePolicy.requireWorkspace(reader, workspace, ada.userId(), WorkspaceUse.WRITE))
        .isInstanceOf(ForbiddenException.class).hasMessage("this API token lacks the scope workspaces:write");
    assertThatThrownBy(() -> WorkspacePolicy.requireWorkspaceCreation(reader)).isInstanceOf(ForbiddenException.class);
  }

  @Test
  void listingShowsMembersTheirOwnWhateverTheyAskForAndAuditorsAnyones() {
    UUID someoneElse = UUID.randomUUID();
    assertThat(WorkspacePolicy.listedOwner(ada, someoneElse)).isEqualTo(ada.userId());
    assertThat(WorkspacePolicy.listedOwner(ada, null)).isEqualTo(ada.userId());
    assertThat(WorkspacePolicy.listedOwner(userAdmin, null)).isEqualTo(userAdmin.userId());
    assertThat(WorkspacePolicy.listedOwner(auditor, someoneElse)).isEqualTo(someoneElse);
    assertThat(WorkspacePolicy.listedOwner(owner, null)).isNull();
    assertThatThrownBy(() -> WorkspacePolicy.listedOwner(ada.withScopes(Set.of(Scope.TEMPLATES_READ)), null))
        .isInstanceOf(ForbiddenException.class);
  }

  @Test
  void releasingADeletedUsersWorkspacesIsForUserAdminsAndAuthService() {
    assertThatCode(() -> WorkspacePolicy.requireOwnerRelease(userAdmin)).doesNotThrowAnyException();
    assertThatCode(() -> WorkspacePolicy.requireOwnerRelease(auth)).doesNotThrowAnyException();
    assertThatThrownBy(() -> WorkspacePolicy.requireOwnerRelease(ada)).isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> WorkspacePolicy.requireActivityReporting(owner)).isInstanceOf(ForbiddenException.class);
  }
}
