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
  void containersAreManagedByServicesAndAdminsOnly() {
    assertThat(ProvisionerPolicy.mayManageContainers(Caller.service("workspace"))).isTrue();
    assertThat(ProvisionerPolicy.mayManageContainers(admin)).isTrue();
    assertThat(ProvisionerPolicy.mayManageContainers(ada)).isFalse();
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
  }
}
