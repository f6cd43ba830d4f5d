package io.devsanctum.workspace.model;

public enum DeploymentStatus {
  PENDING,
  RUNNING,
  SUCCEEDED,
  FAILED
}
