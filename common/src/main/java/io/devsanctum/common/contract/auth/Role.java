package io.devsanctum.common.contract.auth;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What a user may do platform-wide (which permissions each role grants: common's AccessPolicy).
 * Declared from the most to the least privileged: where several roles apply to one person (mapped
 * from their groups at a provider), the first one declared wins.
 */
public enum Role {
  /** Everything, including making others owners. */
  OWNER("owner"),
  /** Users (below owner), their quotas and sign-in lockouts. */
  USER_ADMIN("user-admin"),
  /** Templates, and a read-only view of the Docker hosts. */
  TEMPLATE_ADMIN("template-admin"),
  /** The audit log and read-only views of users and workspaces. */
  AUDITOR("auditor"),
  MEMBER("member");

  /** What owners were called before there were several admin roles; still read from configuration. */
  private static final String FORMER_OWNER_NAME = "admin";

  private final String wireName;

  Role(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }

  /** Every role's wire name, in declaration order: "owner, user-admin, …, member". */
  public static String wireNames() {
    return Arrays.stream(values()).map(Role::wireName).collect(Collectors.joining(", "));
  }

  @JsonCreator
  public static Role fromWire(String name) {
    if (FORMER_OWNER_NAME.equals(name)) {
      return OWNER;
    }
    return Arrays.stream(values()).filter(r -> r.wireName.equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown role " + name));
  }
}
