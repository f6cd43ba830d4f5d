package io.devsanctum.workspace.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.contract.workspace.Quota;
import io.devsanctum.common.contract.workspace.Template;
import io.devsanctum.common.contract.workspace.Workspace;
import io.devsanctum.common.domain.ConflictException;
import io.devsanctum.workspace.WorkspaceCore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A quota holds however many requests race for it: the check and the insert are one transaction. */
@ExtendWith(VertxExtension.class)
class QuotaConcurrencyTest {

  private WorkspaceCore core;

  @BeforeEach
  void start(Vertx vertx) {
    core = new WorkspaceCore(vertx);
    core.health.answersAfter(-1); // the workspaces stay STARTING: only their rows count here
  }

  @AfterEach
  void stop() {
    core.close();
  }

  @Test
  void twentyConcurrentCreatesAgainstAQuotaOfThreeLeaveExactlyThreeWorkspaces() {
    Template template = core.template("quota-race");
    Caller ada = WorkspaceCore.member("ada");
    core.quotaRepository.save(new Quota(ada.userId(), 3, null, null)).await();

    List<Future<Workspace>> creates = IntStream.range(0, 20)
        .mapToObj(i -> core.workspaces.create(ada, template.id(), "ws-" + i, Map.of()))
        .toList();
    Future.join(creates).otherwiseEmpty().await();

    assertThat(creates).filteredOn(Future::succeeded).hasSize(3);
    assertThat(creates).filteredOn(Future::failed).hasSize(17)
        .allSatisfy(refused -> assertThat(refused.cause()).isInstanceOf(ConflictException.class)
            .hasMessageStartingWith("quota exceeded: max_workspaces is 3"));
    assertThat(core.workspaceRepository.usage(ada.userId()).await().workspaces()).isEqualTo(3);
  }

  @Test
  void startsThatTogetherWouldExceedTheCpuQuotaAreRefusedBeyondIt() {
    Template template = core.template("cpu-race");
    Caller ben = WorkspaceCore.member("ben");
    // the template asks 250 millicores: two may run at once
    core.quotaRepository.save(new Quota(ben.userId(), null, 500, null)).await();

    List<Future<Workspace>> creates = IntStream.range(0, 6)
        .mapToObj(i -> core.workspaces.create(ben, template.id(), "cpu-" + i, Map.of()))
        .toList();
    Future.join(creates).otherwiseEmpty().await();

    assertThat(creates).filteredOn(Future::succeeded).hasSize(2);
    assertThat(creates).filteredOn(Future::failed)
        .allSatisfy(refused -> assertThat(refused.cause()).hasMessageStartingWith("quota exceeded: max_cpu_millis is 500"));
  }
}
