package io.devsanctum.common.authz;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an API token may be used for: a token names its scopes and is refused everything else,
 * whatever its user's role allows. Sign-ins (the dashboard, SSH keys) hold {@link #ALL}. A scope
 * groups {@link Permission}s; the role still decides which of them its user has.
 */
public enum Scope {
  ALL("all"),
  WORKSPACES_READ("workspaces:read"),
  WORKSPACES_WRITE("workspaces:write"),
  /** The workspace's apps through the proxy, its terminal and SSH. */
  WORKSPACES_CONNECT("workspaces:connect"),
  TEMPLATES_READ("templates:read"),
  TEMPLATES_WRITE("templates:write"),
  USERS_READ("users:read"),
  USERS_WRITE("users:write"),
  AUDIT_READ("audit:read");

  private final String wireName;

  Scope(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }

  /** What a credential without scopes of its own (a sign-in, an SSH key, a token from before scopes) holds. */
  public static Set<Scope> full() {
    return EnumSet.of(ALL);
  }

  public static Optional<Scope> find(String wireName) {
    return Arrays.stream(values()).filter(s -> s.wireName.equals(wireName)).findFirst();
  }

  @JsonCreator
  public static Scope fromWire(String wireName) {
    return find(wireName).orElseThrow(() -> new IllegalArgumentException("unknown scope " + wireName));
  }

  /** The wire form of a set of scopes, comma-separated, in declaration order. */
  public static String join(Set<Scope> scopes) {
    return scopes.stream().sorted().map(Scope::wireName).collect(Collectors.joining(","));
  }

  /** Reads {@link #join}'s form; unknown names are dropped, so a stale peer can only narrow a caller's rights. */
  public static Set<Scope> split(String joined) {
    EnumSet<Scope> scopes = EnumSet.noneOf(Scope.class);
    if (joined != null) {
      Arrays.stream(joined.split(",")).map(String::trim).map(Scope::find).flatMap(Optional::stream)
          .forEach(scopes::add);
    }
    return scopes;
  }
}
