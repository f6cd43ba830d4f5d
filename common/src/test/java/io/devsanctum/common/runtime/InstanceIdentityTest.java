package io.devsanctum.common.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class InstanceIdentityTest {

  @Test
  void anInstanceRestartedOnTheSameDataDirectoryIsTheSameInstanceAndALiveOneIsNeverShared() throws Exception {
    Path dataDir = Files.createTempDirectory("identity-");

    InstanceIdentity first = InstanceIdentity.claim(dataDir, "workspace");
    InstanceIdentity second = InstanceIdentity.claim(dataDir, "workspace");
    assertThat(second.id()).as("a second live process gets another slot").isNotEqualTo(first.id());

    String firstId = first.id();
    first.close();
    InstanceIdentity restarted = InstanceIdentity.claim(dataDir, "workspace");
    assertThat(restarted.id()).as("the restarted process takes the freed identity back").isEqualTo(firstId);
    assertThat(InstanceIdentity.claim(dataDir, "routing").id()).doesNotContain("/workspace-");

    restarted.close();
    second.close();
  }

  @Test
  void withoutAUsableDataDirectoryTheIdentityLastsForThisRunOnly() throws Exception {
    Path notADirectory = Files.createTempFile("identity-", ".file");

    InstanceIdentity identity = InstanceIdentity.claim(notADirectory, "workspace");

    assertThat(identity.id()).contains("/workspace/");
    assertThat(InstanceIdentity.claim(notADirectory, "workspace").id()).isNotEqualTo(identity.id());
  }
}
