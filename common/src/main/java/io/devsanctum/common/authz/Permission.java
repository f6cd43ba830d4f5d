package io.devsanctum.common.authz;

import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.Optional;

/**
 * One thing a caller may do. Operations name the permission they need (the API document's
 * {@code x-devsanctum-permission}, the services' policies); roles grant permissions
 * ({@link AccessPolicy}); each permission belongs to the one {@link Scope} a token must hold for it.
 * {@code own-…} permissions cover the caller's own resources, {@code any-…} everyone's.
 */
public enum Permission {
  /** One's own account: profile, password, API tokens and SSH keys. Not for scoped tokens. */
  ACCOUNT("account", Scope.ALL),
  OWN_WORKSPACE_READ("own-workspace.read", Scope.WORKSPACES_READ),
  OWN_WORKSPACE_WRITE("own-workspace.write", Scope.WORKSPACES_WRITE),
  OWN_WORKSPACE_CONNECT("own-workspace.connect", Scope.WORKSPACES_CONNECT),
  ANY_WORKSPACE_READ("any-workspace.read", Scope.WORKSPACES_READ),
  ANY_WORKSPACE_WRITE("any-workspace.write", Scope.WORKSPACES_WRITE),
  ANY_WORKSPACE_CONNECT("any-workspace.connect", Scope.WORKSPACES_CONNECT),
  TEMPLATE_READ("template.read", Scope.TEMPLATES_READ),
  TEMPLATE_WRITE("template.write", Scope.TEMPLATES_WRITE),
  DOCKER_HOST_READ("docker-host.read", Scope.TEMPLATES_READ),
  USER_READ("user.read", Scope.USERS_READ),
  /** Accounts, roles below owner, quotas and sign-in lockouts. */
  USER_WRITE("user.write", Scope.USERS_WRITE),
  /** Making someone an owner, or changing an owner's account. */
  OWNER_WRITE("owner.write", Scope.USERS_WRITE),
  AUDIT_READ("audit.read", Scope.AUDIT_READ);

  /** The API document's extension naming the permission an operation needs. */
  public static final String OPERATION_EXTENSION = "x-devsanctum-permission";
  /** Its value for operations any signed-in caller may call, whatever the credential's scopes. */
  public static final String SIGNED_IN = "signed-in";

  private final String wireName;
  private final Scope scope;

  Permission(String wireName, Scope scope) {
    this.wireName = wireName;
    this.scope = scope;
  }

  public String wireName() {
    return wireName;
  }

  /** The scope a token needs for this permission (besides {@link Scope#ALL}). */
  public Scope scope() {
    return scope;
  }

  public static Optional<Permission> find(String wireName) {
    return Arrays.stream(values()).filter(p -> p.wireName.equals(wireName)).findFirst();
  }

  /**
   * What an operation of the API document needs ({@link #OPERATION_EXTENSION}): empty for
   * {@link #SIGNED_IN}; a document naming no or an unknown permission is a defect of the document.
   */
  public static Optional<Permission> ofOperation(String operationId, JsonObject operation) {
    String named = operation.getString(OPERATION_EXTENSION);
    if (SIGNED_IN.equals(named)) {
      return Optional.empty();
    }
    return Optional.of(find(named).orElseThrow(() -> new IllegalStateException(
        "operation " + operationId + " names no known " + OPERATION_EXTENSION + ": " + named)));
  }
}
