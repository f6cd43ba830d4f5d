package io.devsanctum.provisioner.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.contract.auth.Role;
import io.devsanctum.common.domain.ForbiddenException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ProvisionerPolicyTest {

  private final Caller admin = new Caller(UUID.randomUUID(), Role.OWNER, "root");
  private final Caller ada = new Caller(UUID.randomUUID(), Role.MEMBER, "ada");

  @Test
  void containersAreManagedByServicesAndOwnersOnlyHostsReadByTemplateAdminsAndAuditorsToo() {
    assertThat(ProvisionerPolicy.mayManageContainers(Caller.service("workspace"))).isTrue();
    assertThat(ProvisionerPolicy.mayManageContainers(admin)).isTrue();
    assertThat(ProvisionerPolicy.mayManageContainers(ada)).isFalse();
    for (Role reader : new Role[] {Role.TEMPLATE_ADMIN, Role.AUDITOR}) {
      Caller caller = new Caller(UUID.randomUUID(), reader, "reader");
      assertThat(ProvisionerPolicy.mayReadHosts(caller)).as(reader + " reads hosts").isTrue();
      assertThat(ProvisionerPolicy.mayManageContainers(caller)).as(reader + " manages containers").isFalse();
    }
    assertThat(ProvisionerPolicy.mayReadHosts(ada)).isFalse();
    assertThat(ProvisionerPolicy.mayReadHosts(new Caller(UUID.randomUUID(), Role.USER_ADMIN, "uma"))).isFalse();
    assertThatThrownBy(() -> ProvisionerPolicy.requireContainerManagement(ada)).isInstanceOf(ForbiddenException.class);
  }

  @Test
  void aTerminalOpensForTheContainersOwnerAdminsAndTheGatewayNotForAnotherMember() {
    String adasLabel = ada.userId().toString();

    assertThat(ProvisionerPolicy.mayOpenTerminal(ada, adasLabel)).isTrue();
    assertThat(ProvisionerPolicy.mayOpenTerminal(admin, adasLabel)).isTrue();
    assertThat(ProvisionerPolicy.mayOpenTerminal(new Caller(UUID.randomUUID(), Role.MEMBER, "ben"), adasLabel)).isFalse();
    // the gateway opens an SSH session into a shared workspace as itself, having decided the access
    assertThat(ProvisionerPolicy.mayOpenTerminal(Caller.service("gateway"), adasLabel)).isTrue();
    assertThat(ProvisionerPolicy.mayOpenTerminal(ada, null)).as("a container without an owner label").isFalse();
    assertThat(ProvisionerPolicy.mayOpenTerminal(new Caller(UUID.randomUUID(), Role.AUDITOR, "aud"), adasLabel))
        .as("an auditor sees, but does not connect").isFalse();
    assertThat(ProvisionerPolicy.mayOpenTerminal(ada.withScopes(java.util.Set.of(
        io.devsanctum.common.authz.Scope.WORKSPACES_READ)), adasLabel)).as("a token without workspaces:connect").isFalse();
  }
}
