package io.devsanctum.workspace.model;

public enum DeploymentStatus {
  PENDING,
  RUNNING,
  SUCCEEDED,
  FAILED;

  public boolean isFinished() {
    return this == SUCCEEDED || this == FAILED;
  }
}
