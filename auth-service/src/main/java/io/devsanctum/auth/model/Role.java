package io.devsanctum.auth.model;

import java.util.Arrays;

/** What a user may do platform-wide. Kept as an enum of known roles; new roles are added here. */
public enum Role {
  ADMIN("admin"),
  MEMBER("member");

  private final String wireName;

  Role(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Role fromWire(String name) {
    return Arrays.stream(values()).filter(r -> r.wireName.equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown role " + name));
  }
}
