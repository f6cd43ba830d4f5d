package io.devsanctum.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.devsanctum.common.authz.Scope;
import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.contract.SharingLevel;
import io.devsanctum.common.contract.auth.Role;
import io.devsanctum.common.contract.routing.RouteMapping;
import io.devsanctum.gateway.security.WorkspaceAccess.Outcome;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WorkspaceAccessPolicyTest {

  private final Caller ada = new Caller(UUID.randomUUID(), Role.MEMBER, "ada");
  private final Caller ben = new Caller(UUID.randomUUID(), Role.MEMBER, "ben");
  private final Caller admin = new Caller(UUID.randomUUID(), Role.OWNER, "root");

  @Test
  void anOwnersWorkspaceOpensForTheOwnerAndAdminsOthersGetNothingAndStrangersSignIn() {
    Optional<RouteMapping> route = Optional.of(route(SharingLevel.OWNER));

    assertThat(WorkspaceAccessPolicy.decide(route, ada)).isEqualTo(Outcome.ALLOWED);
    assertThat(WorkspaceAccessPolicy.decide(route, admin)).isEqualTo(Outcome.ALLOWED);
    assertThat(WorkspaceAccessPolicy.decide(route, ben)).isEqualTo(Outcome.DENIED);
    assertThat(WorkspaceAccessPolicy.decide(route, null)).isEqualTo(Outcome.SIGN_IN);
    assertThat(WorkspaceAccessPolicy.decide(Optional.empty(), ada)).isEqualTo(Outcome.UNKNOWN_HOST);
  }

  @Test
  void sharingOpensTheAppsToSignedInUsersOrToEveryone() {
    assertThat(WorkspaceAccessPolicy.decide(Optional.of(route(SharingLevel.AUTHENTICATED)), ben)).isEqualTo(Outcome.ALLOWED);
    assertThat(WorkspaceAccessPolicy.decide(Optional.of(route(SharingLevel.AUTHENTICATED)), null)).isEqualTo(Outcome.SIGN_IN);
    assertThat(WorkspaceAccessPolicy.decide(Optional.of(route(SharingLevel.PUBLIC)), null)).isEqualTo(Outcome.ALLOWED);
  }

  @Test
  void whoMayOpenAWorkspaceOverSshIsWhoMayOpenItsApps() {
    for (SharingLevel sharing : SharingLevel.values()) {
      for (Caller caller : new Caller[] {ada, ben, admin}) {
        assertThat(WorkspaceAccessPolicy.mayOpen(caller, ada.userId(), sharing))
            .as("%s on a workspace shared with %s", caller.username(), sharing)
            .isEqualTo(WorkspaceAccessPolicy.decide(Optional.of(route(sharing)), caller) == Outcome.ALLOWED);
      }
    }
    assertThat(WorkspaceAccessPolicy.mayOpen(ben, ada.userId(), SharingLevel.OWNER)).isFalse();
    assertThat(WorkspaceAccessPolicy.mayOpen(ben, ada.userId(), SharingLevel.AUTHENTICATED)).isTrue();
  }

  @Test
  void sharingNeverLetsOthersConnectToOrChangeTheWorkspace() {
    assertThat(WorkspaceAccessPolicy.mayConnect(ada, ada.userId())).isTrue();
    assertThat(WorkspaceAccessPolicy.mayConnect(admin, ada.userId())).isTrue();
    assertThat(WorkspaceAccessPolicy.mayConnect(ben, ada.userId())).isFalse();
    assertThat(WorkspaceAccessPolicy.mayConnect(null, ada.userId())).isFalse();
    assertThat(WorkspaceAccessPolicy.mayChange(ben, ada.userId())).isFalse();
  }

  @Test
  void anAuditorSeesButNeitherConnectsNorChanges() {
    Caller auditor = new Caller(UUID.randomUUID(), Role.AUDITOR, "aud");
    assertThat(WorkspaceAccessPolicy.maySee(auditor, ada.userId())).isTrue();
    assertThat(WorkspaceAccessPolicy.mayConnect(auditor, ada.userId())).isFalse();
    assertThat(WorkspaceAccessPolicy.mayChange(auditor, ada.userId())).isFalse();
    assertThat(WorkspaceAccessPolicy.decide(Optional.of(route(SharingLevel.OWNER)), auditor)).isEqualTo(Outcome.DENIED);
  }

  @Test
  void aTokenWithoutTheConnectScopeIsOutOfScopeWhereItsUserWouldGetIn() {
    Caller reader = ada.withScopes(Set.of(Scope.WORKSPACES_READ));
    assertThat(WorkspaceAccessPolicy.decide(Optional.of(route(SharingLevel.OWNER)), reader)).isEqualTo(Outcome.OUT_OF_SCOPE);
    assertThat(WorkspaceAccessPolicy.decide(Optional.of(route(SharingLevel.AUTHENTICATED)),
        ben.withScopes(Set.of(Scope.WORKSPACES_READ)))).isEqualTo(Outcome.OUT_OF_SCOPE);
    assertThat(WorkspaceAccessPolicy.decide(Optional.of(route(SharingLevel.OWNER)),
        ben.withScopes(Set.of(Scope.WORKSPACES_READ)))).as("someone else's: nothing to see").isEqualTo(Outcome.DENIED);
    assertThat(WorkspaceAccessPolicy.decide(Optional.of(route(SharingLevel.OWNER)),
        ada.withScopes(Set.of(Scope.WORKSPACES_CONNECT)))).isEqualTo(Outcome.ALLOWED);
  }

  private RouteMapping route(SharingLevel sharing) {
    Instant now = Instant.now();
    return new RouteMapping("web--ada.dev.test", UUID.randomUUID(), ada.userId(), "web", 8080, "http://127.0.0.1:1",
        "local", sharing, "/", true, true, now, now, 1);
  }
}
