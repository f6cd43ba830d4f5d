package io.devsanctum.provisioner.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devsanctum.common.config.ConfigException;
import io.devsanctum.common.config.Env;
import io.devsanctum.provisioner.config.WorkspaceContainerConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HardeningPolicyTest {

  @Test
  void theTemplatesUserWinsEvenRootBecauseItWasAskedFor() {
    assertThat(HardeningPolicy.user("coder", "1000", "1000:1000")).isEqualTo("coder");
    assertThat(HardeningPolicy.user("root", "1000", "1000:1000")).isEqualTo("root");
  }

  @Test
  void elseTheImagesUserUnlessItIsRootOrUnset() {
    assertThat(HardeningPolicy.user(null, "coder", "1000:1000")).isEqualTo("coder");
    for (String root : new String[] {"", " ", "root", "0", "0:0", "root:root", "00"}) {
      assertThat(HardeningPolicy.user(null, root, "1000:1000")).as(root).isEqualTo("1000:1000");
    }
    assertThat(HardeningPolicy.user(null, null, "1000:1000")).isEqualTo("1000:1000");
  }

  @Test
  void theDefaultUserCannotBeRootAndLogAndHomeSizesMustBeSizes() {
    assertThat(WorkspaceContainerConfig.from(new Env(Map.of()))).isEqualTo(new WorkspaceContainerConfig("1000:1000", "10m", 3, null));
    assertThatThrownBy(() -> WorkspaceContainerConfig.from(new Env(Map.of("DEVSANCTUM_WORKSPACE_DEFAULT_USER", "0"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("other than root");
    assertThatThrownBy(() -> WorkspaceContainerConfig.from(new Env(Map.of("DEVSANCTUM_WORKSPACE_LOG_MAX_SIZE", "lots"))))
        .isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> WorkspaceContainerConfig.from(new Env(Map.of("DEVSANCTUM_WORKSPACE_HOME_SIZE", "-1G"))))
        .isInstanceOf(ConfigException.class);
    assertThat(WorkspaceContainerConfig.from(new Env(Map.of("DEVSANCTUM_WORKSPACE_HOME_SIZE", "20G"))).homeSize()).isEqualTo("20G");
  }
}
