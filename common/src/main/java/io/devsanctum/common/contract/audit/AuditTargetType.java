package io.devsanctum.common.contract.audit;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** What kind of thing an audited action is done to. */
public enum AuditTargetType {
  USER("user"),
  TOKEN("token"),
  SSH_KEY("ssh-key"),
  TEMPLATE("template"),
  WORKSPACE("workspace");

  private final String wireName;

  AuditTargetType(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }

  @JsonCreator
  public static AuditTargetType fromWire(String name) {
    return Arrays.stream(values()).filter(type -> type.wireName.equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown audit target type " + name));
  }
}
