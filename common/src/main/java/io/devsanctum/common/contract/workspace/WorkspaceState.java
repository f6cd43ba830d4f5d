package io.devsanctum.common.contract.workspace;

import java.util.EnumSet;
import java.util.Set;

/** docs/architecture.md §7: the lifecycle of a workspace. FAILED may follow any transitional state. */
public enum WorkspaceState {
  PENDING,
  STARTING,
  RUNNING,
  STOPPING,
  STOPPED,
  DELETING,
  DELETED,
  FAILED;

  /** States a deployment is still working on. */
  public static final Set<WorkspaceState> TRANSITIONAL = EnumSet.of(PENDING, STARTING, STOPPING, DELETING);

  public boolean isTransitional() {
    return TRANSITIONAL.contains(this);
  }
}
