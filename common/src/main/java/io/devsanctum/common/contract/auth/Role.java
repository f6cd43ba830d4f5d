package io.devsanctum.common.contract.auth;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.devsanctum.common.bus.Caller;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What a user may do platform-wide. Kept as an enum of known roles; new roles are added here, in
 * order from the most to the least privileged: where several roles apply to one person (mapped
 * from their groups at a provider), the first one declared wins.
 */
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

  /** Every role's wire name, in declaration order: "admin, member". */
  public static String wireNames() {
    return Arrays.stream(values()).map(Role::wireName).collect(Collectors.joining(", "));
  }

  @JsonCreator
  public static Role fromWire(String name) {
    return Arrays.stream(values()).filter(r -> r.wireName.equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown role " + name));
  }
}
