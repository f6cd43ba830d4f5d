package io.devsanctum.common.contract.auth;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.devsanctum.common.bus.Caller;
import java.util.Arrays;

/** What a user may do platform-wide. Kept as an enum of known roles; new roles are added here. */
public enum Role {
  ADMIN(Caller.ADMIN),
  MEMBER(Caller.MEMBER);

  private final String wireName;

  Role(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }

  @JsonCreator
  public static Role fromWire(String name) {
    return Arrays.stream(values()).filter(r -> r.wireName.equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown role " + name));
  }
}
