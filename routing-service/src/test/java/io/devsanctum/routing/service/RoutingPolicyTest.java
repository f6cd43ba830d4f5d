package io.devsanctum.routing.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.domain.ForbiddenException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RoutingPolicyTest {

  @Test
  void theRouteTableIsForServicesAndAdminsOnly() {
    assertThat(RoutingPolicy.mayUseRouteTable(Caller.service("gateway"))).isTrue();
    assertThat(RoutingPolicy.mayUseRouteTable(new Caller(UUID.randomUUID(), Caller.ADMIN, "root"))).isTrue();
    assertThat(RoutingPolicy.mayUseRouteTable(new Caller(UUID.randomUUID(), "member", "ada"))).isFalse();
    assertThatThrownBy(() -> RoutingPolicy.requireRouteTable(new Caller(UUID.randomUUID(), "member", "ada")))
        .isInstanceOf(ForbiddenException.class);
  }
}
