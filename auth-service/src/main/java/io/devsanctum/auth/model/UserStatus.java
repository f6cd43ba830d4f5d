package io.devsanctum.auth.model;

/** Suspended users cannot sign in, refresh or use API tokens. */
public enum UserStatus {
  ACTIVE,
  SUSPENDED;

  public String wireName() {
    return name().toLowerCase();
  }

  public static UserStatus fromWire(String name) {
    return valueOf(name.toUpperCase());
  }
}
