package io.devsanctum.gateway.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SshTargetTest {

  @Test
  void aWorkspaceNameAloneIsTheCallersOwn() {
    assertThat(SshTarget.parse("dev")).contains(new SshTarget("dev", null));
  }

  @Test
  void aDotNamesTheOwner() {
    assertThat(SshTarget.parse("my-app.alice")).contains(new SshTarget("my-app", "alice"));
  }

  @Test
  void loginsThatCannotNameAWorkspaceNameNone() {
    for (String login : new String[] {"", "Dev", "dev.", ".alice", "dev.alice.bob", "dev alice", "-dev", "dev-",
        "a".repeat(33), "dev.Alice", "../etc"}) {
      assertThat(SshTarget.parse(login)).as(login).isEmpty();
    }
    assertThat(SshTarget.parse(null)).isEmpty();
  }
}
