package io.devsanctum.common.contract.auth;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Suspended users cannot sign in, refresh or use API tokens. */
public enum UserStatus {
  ACTIVE,
  SUSPENDED;

  @JsonValue
  public String wireName() {
    return name().toLowerCase();
  }

  @JsonCreator
  public static UserStatus fromWire(String name) {
    return valueOf(name.toUpperCase());
  }
}
