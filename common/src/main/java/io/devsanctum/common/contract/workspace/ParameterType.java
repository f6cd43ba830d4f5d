package io.devsanctum.common.contract.workspace;

import com.fasterxml.jackson.annotation.JsonValue;

public enum ParameterType {
  STRING,
  NUMBER,
  BOOLEAN;

  @JsonValue
  public String wireName() {
    return name().toLowerCase();
  }
}
