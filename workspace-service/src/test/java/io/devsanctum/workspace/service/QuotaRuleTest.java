package io.devsanctum.workspace.service;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devsanctum.common.contract.workspace.AppPort;
import io.devsanctum.common.contract.workspace.Quota;
import io.devsanctum.common.contract.workspace.TemplateSpec;
import io.devsanctum.common.domain.ConflictException;
import io.devsanctum.workspace.repository.WorkspaceRepository.Usage;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class QuotaRuleTest {

  private static final UUID OWNER = UUID.randomUUID();
  private static final TemplateSpec SPEC = new TemplateSpec("busybox", null, List.of(), List.of(), Map.of(), null,
      List.of(new AppPort("web", 8080, true, null)), 500, 256, 64, 30, List.of());

  @Test
  void anUnlimitedQuotaRefusesNothing() {
    assertThatCode(() -> QuotaService.refuse(Quota.unlimited(OWNER), new Usage(100, 100_000, 100_000), SPEC, 1))
        .doesNotThrowAnyException();
  }

  @Test
  void eachLimitIsNamedWhenTheRequestWouldGoBeyondIt() {
    assertThatThrownBy(() -> QuotaService.refuse(new Quota(OWNER, 2, null, null), new Usage(2, 0, 0), SPEC, 1))
        .isInstanceOf(ConflictException.class).hasMessage("quota exceeded: max_workspaces is 2 and 2 exist");
    assertThatThrownBy(() -> QuotaService.refuse(new Quota(OWNER, null, 900, null), new Usage(1, 500, 0), SPEC, 0))
        .hasMessage("quota exceeded: max_cpu_millis is 900; running workspaces use 500 and this one needs 500");
    assertThatThrownBy(() -> QuotaService.refuse(new Quota(OWNER, null, null, 300), new Usage(1, 0, 100), SPEC, 0))
        .hasMessage("quota exceeded: max_memory_mb is 300; running workspaces use 100 and this one needs 256");
  }

  @Test
  void startingAnExistingWorkspaceDoesNotCountAsANewOne() {
    assertThatCode(() -> QuotaService.refuse(new Quota(OWNER, 2, null, null), new Usage(2, 0, 0), SPEC, 0))
        .doesNotThrowAnyException();
  }
}
