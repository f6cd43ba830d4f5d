package io.devsanctum.auth.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UserRulesTest {

  @Test
  void aUsernameFromAProviderHandleOrNameIsADnsLabel() {
    assertThat(UserRules.usernameFrom("Mia_J")).isEqualTo("mia-j");
    assertThat(UserRules.usernameFrom("José Núñez")).isEqualTo("jose-nunez");
    assertThat(UserRules.usernameFrom("--octo--cat--")).isEqualTo("octo-cat");
    assertThat(UserRules.usernameFrom("a".repeat(31) + "-b")).isEqualTo("a".repeat(31));
    assertThat(UserRules.usernameFrom("李雷")).isEqualTo("user");
    assertThat(UserRules.usernameFrom(null)).isEqualTo("user");
  }

  @Test
  void aSuffixKeepsTheUsernameWithin32Characters() {
    assertThat(UserRules.withSuffix("mia", 2)).isEqualTo("mia-2");
    assertThat(UserRules.withSuffix("a".repeat(29) + "-bc", 12)).isEqualTo("a".repeat(29) + "-12");
    assertThat(UserRules.withSuffix("a".repeat(32), 12)).hasSize(32).matches(UserRules.USERNAME.pattern());
  }
}
