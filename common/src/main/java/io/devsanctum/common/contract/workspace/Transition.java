package io.devsanctum.common.contract.workspace;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What a deployment does, the states it may begin from, the state it moves the workspace into
 * while it works, the state it ends in, and its durable steps in order.
 */
public enum Transition {
  START(EnumSet.of(WorkspaceState.PENDING, WorkspaceState.STOPPED, WorkspaceState.FAILED),
      WorkspaceState.STARTING, WorkspaceState.RUNNING,
      List.of(DeploymentStep.PLACE, DeploymentStep.ENSURE_VOLUME, DeploymentStep.ENSURE_NETWORK,
          DeploymentStep.ENSURE_CONTAINER, DeploymentStep.START_CONTAINER, DeploymentStep.WAIT_HEALTHY,
          DeploymentStep.REGISTER_ROUTE)),
  STOP(EnumSet.of(WorkspaceState.RUNNING, WorkspaceState.FAILED),
      WorkspaceState.STOPPING, WorkspaceState.STOPPED,
      List.of(DeploymentStep.DEREGISTER_ROUTE, DeploymentStep.STOP_CONTAINER)),
  DELETE(EnumSet.of(WorkspaceState.PENDING, WorkspaceState.STOPPED, WorkspaceState.RUNNING, WorkspaceState.FAILED),
      WorkspaceState.DELETING, WorkspaceState.DELETED,
      List.of(DeploymentStep.DEREGISTER_ROUTE, DeploymentStep.REMOVE_RESOURCES));

  private final Set<WorkspaceState> from;
  private final WorkspaceState during;
  private final WorkspaceState to;
  private final List<DeploymentStep> steps;

  Transition(Set<WorkspaceState> from, WorkspaceState during, WorkspaceState to, List<DeploymentStep> steps) {
    this.from = from;
    this.during = during;
    this.to = to;
    this.steps = steps;
  }

  public Set<WorkspaceState> from() {
    return from;
  }

  public WorkspaceState during() {
    return during;
  }

  public WorkspaceState to() {
    return to;
  }

  public List<DeploymentStep> steps() {
    return steps;
  }

  /** The step after {@code done}, or null when it was the last. */
  public DeploymentStep after(DeploymentStep done) {
    int index = steps.indexOf(done);
    return index + 1 < steps.size() ? steps.get(index + 1) : null;
  }
}
