package io.devsanctum.auth.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.devsanctum.common.contract.auth.Role;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GroupRulesTest {

  private final GroupRules rules = new GroupRules(Set.of("ops", "devs"), Map.of("ops", Role.OWNER, "devs", Role.MEMBER));

  @Test
  void onlyPeopleInAnAllowedGroupAreAdmitted() {
    assertThat(rules.admits(List.of("marketing", "devs"))).isTrue();
    assertThat(rules.admits(List.of("marketing"))).isFalse();
    assertThat(rules.admits(List.of())).isFalse();
    assertThat(GroupRules.NONE.admits(List.of())).isTrue();
  }

  @Test
  void theMostPrivilegedMappedRoleWinsAndUnmappedGroupsMakeAMember() {
    assertThat(rules.role(List.of("devs", "ops"))).contains(Role.OWNER);
    assertThat(rules.role(List.of("devs"))).contains(Role.MEMBER);
    assertThat(rules.role(List.of("marketing"))).contains(Role.MEMBER);
  }

  @Test
  void withoutAMappingGroupsDecideNoRole() {
    assertThat(GroupRules.NONE.role(List.of("ops"))).isEmpty();
  }
}
