package io.devsanctum.routing.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.contract.auth.Role;
import io.devsanctum.common.domain.ForbiddenException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RoutingPolicyTest {

  @Test
  void theRouteTableIsForServicesAndAdminsOnly() {
    assertThat(RoutingPolicy.mayUseRouteTable(Caller.service("gateway"))).isTrue();
    assertThat(RoutingPolicy.mayUseRouteTable(new Caller(UUID.randomUUID(), Role.OWNER, "root"))).isTrue();
    assertThat(RoutingPolicy.mayUseRouteTable(new Caller(UUID.randomUUID(), Role.MEMBER, "ada"))).isFalse();
    assertThatThrownBy(() -> RoutingPolicy.requireRouteTable(new Caller(UUID.randomUUID(), Role.MEMBER, "ada")))
        .isInstanceOf(ForbiddenException.class);
  }
}
