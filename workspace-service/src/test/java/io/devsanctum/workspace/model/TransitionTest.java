package io.devsanctum.workspace.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.devsanctum.common.contract.workspace.DeploymentStep;
import io.devsanctum.common.contract.workspace.Transition;
import io.devsanctum.common.contract.workspace.WorkspaceState;
import org.junit.jupiter.api.Test;

class TransitionTest {

  @Test
  void startRunsTheDurableStepsInDesignOrder() {
    assertThat(Transition.START.steps()).containsExactly(DeploymentStep.PLACE, DeploymentStep.ENSURE_VOLUME,
        DeploymentStep.ENSURE_NETWORK, DeploymentStep.ENSURE_CONTAINER, DeploymentStep.START_CONTAINER,
        DeploymentStep.WAIT_HEALTHY, DeploymentStep.REGISTER_ROUTE);
    assertThat(Transition.START.after(DeploymentStep.WAIT_HEALTHY)).isEqualTo(DeploymentStep.REGISTER_ROUTE);
    assertThat(Transition.START.after(DeploymentStep.REGISTER_ROUTE)).isNull();
  }

  @Test
  void stopAndDeleteUndoInReverse() {
    assertThat(Transition.STOP.steps()).containsExactly(DeploymentStep.DEREGISTER_ROUTE, DeploymentStep.STOP_CONTAINER);
    assertThat(Transition.DELETE.steps()).containsExactly(DeploymentStep.DEREGISTER_ROUTE,
        DeploymentStep.REMOVE_RESOURCES);
  }

  @Test
  void transitionsStartOnlyFromSettledStates() {
    assertThat(Transition.START.from()).doesNotContain(WorkspaceState.RUNNING, WorkspaceState.STARTING,
        WorkspaceState.STOPPING, WorkspaceState.DELETING);
    assertThat(Transition.STOP.from()).containsExactlyInAnyOrder(WorkspaceState.RUNNING, WorkspaceState.FAILED);
    for (Transition transition : Transition.values()) {
      assertThat(transition.during().isTransitional()).isTrue();
      assertThat(transition.to().isTransitional()).isFalse();
    }
  }
}
