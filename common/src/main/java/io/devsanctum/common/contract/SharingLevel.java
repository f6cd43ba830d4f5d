package io.devsanctum.common.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/**
 * Who may open a workspace URL besides its owner and admins: the owner only, any signed-in user,
 * or anyone. Both data planes read it from the route to take the same authz decision.
 */
public enum SharingLevel {
  OWNER("owner"),
  AUTHENTICATED("authenticated"),
  PUBLIC("public");

  private final String wireName;

  SharingLevel(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }

  @JsonCreator
  public static SharingLevel fromWire(String name) {
    return Arrays.stream(values()).filter(level -> level.wireName.equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown sharing level " + name));
  }
}
