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
  void theRouteTableIsForServicesAndOwnersAuditorsOnlyReadIt() {
    Caller gateway = Caller.service("gateway");
    Caller owner = new Caller(UUID.randomUUID(), Role.OWNER, "root");
    Caller auditor = new Caller(UUID.randomUUID(), Role.AUDITOR, "aud");
    Caller member = new Caller(UUID.randomUUID(), Role.MEMBER, "ada");

    assertThat(RoutingPolicy.mayChangeRouteTable(gateway)).isTrue();
    assertThat(RoutingPolicy.mayChangeRouteTable(owner)).isTrue();
    assertThat(RoutingPolicy.mayReadRouteTable(auditor)).isTrue();
    assertThat(RoutingPolicy.mayChangeRouteTable(auditor)).isFalse();
    assertThat(RoutingPolicy.mayReadRouteTable(member)).isFalse();
    assertThat(RoutingPolicy.mayReadRouteTable(new Caller(UUID.randomUUID(), Role.TEMPLATE_ADMIN, "tia"))).isFalse();
    assertThatThrownBy(() -> RoutingPolicy.requireRouteTableReading(member)).isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> RoutingPolicy.requireRouteTableChange(auditor)).isInstanceOf(ForbiddenException.class);
  }
}
