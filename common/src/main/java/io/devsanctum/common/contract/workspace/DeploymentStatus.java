package io.devsanctum.common.contract.workspace;

public enum DeploymentStatus {
  PENDING,
  RUNNING,
  SUCCEEDED,
  FAILED
}
