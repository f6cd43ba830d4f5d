package io.devsanctum.workspace.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.contract.auth.Role;
import io.devsanctum.common.domain.ForbiddenException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WorkspacePolicyTest {

  private final Caller admin = new Caller(UUID.randomUUID(), Role.OWNER, "root");
  private final Caller ada = new Caller(UUID.randomUUID(), Role.MEMBER, "ada");
  private final Caller auth = Caller.service("auth");

  @Test
  void adminsManageTemplatesAndQuotasMembersDoNot() {
    assertThat(WorkspacePolicy.mayManageTemplates(admin)).isTrue();
    assertThat(WorkspacePolicy.mayManageTemplates(ada)).isFalse();
    assertThat(WorkspacePolicy.mayManageQuotas(admin)).isTrue();
    assertThat(WorkspacePolicy.mayManageQuotas(ada)).isFalse();
    assertThatThrownBy(() -> WorkspacePolicy.requireTemplateManagement(ada)).isInstanceOf(ForbiddenException.class);
  }

  @Test
  void aMemberReachesOnlyWhatTheyOwnAndListsOnlyTheirOwnWhateverTheyAskFor() {
    UUID someoneElse = UUID.randomUUID();

    assertThat(WorkspacePolicy.mayAccessOwnedBy(ada, ada.userId())).isTrue();
    assertThat(WorkspacePolicy.mayAccessOwnedBy(ada, someoneElse)).isFalse();
    assertThat(WorkspacePolicy.mayAccessOwnedBy(admin, someoneElse)).isTrue();
    assertThat(WorkspacePolicy.listedOwner(ada, someoneElse)).isEqualTo(ada.userId());
    assertThat(WorkspacePolicy.listedOwner(ada, null)).isEqualTo(ada.userId());
    assertThat(WorkspacePolicy.listedOwner(admin, someoneElse)).isEqualTo(someoneElse);
    assertThat(WorkspacePolicy.listedOwner(admin, null)).isNull();
  }

  @Test
  void releasingADeletedUsersWorkspacesIsForAdminsAndAuthService() {
    assertThat(WorkspacePolicy.mayReleaseOwner(admin)).isTrue();
    assertThat(WorkspacePolicy.mayReleaseOwner(auth)).isTrue();
    assertThat(WorkspacePolicy.mayReleaseOwner(ada)).isFalse();
    assertThatThrownBy(() -> WorkspacePolicy.requireQuotaAccess(ada, UUID.randomUUID()))
        .isInstanceOf(ForbiddenException.class);
  }
}
