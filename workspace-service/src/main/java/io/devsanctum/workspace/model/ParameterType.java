package io.devsanctum.workspace.model;

public enum ParameterType {
  STRING,
  NUMBER,
  BOOLEAN;

  public String wireName() {
    return name().toLowerCase();
  }
}
