package io.devsanctum.common.bus;

import io.devsanctum.common.authz.Scope;
import io.devsanctum.common.contract.auth.Role;
import io.vertx.core.MultiMap;
import io.vertx.core.eventbus.DeliveryOptions;
import java.util.Set;
import java.util.UUID;

/**
 * Who asked: the user the gateway authenticated (their current role, and the scopes of the
 * credential they came with), carried in delivery headers. What a caller may do is decided by
 * common's AccessPolicy, asked by each service's policy class (WorkspacePolicy, RoutingPolicy, ...);
 * services never trust ids taken from request bodies.
 *
 * @param role a {@link Role}'s wire name, or {@link #SERVICE}
 */
public record Caller(UUID userId, String role, String username, Set<Scope> scopes) {

  /** The role of a service acting on its own account (the orchestrator, the reconciler), not for a user. */
  public static final String SERVICE = "service";
  private static final UUID NO_USER = new UUID(0, 0);

  public Caller {
    scopes = Set.copyOf(scopes);
  }

  /** A user signed in (dashboard, SSH key, a token with every scope): their role's full rights. */
  public Caller(UUID userId, Role role, String username) {
    this(userId, role.wireName(), username, Scope.full());
  }

  /** {@code service} acting on its own account. */
  public static Caller service(String service) {
    return new Caller(NO_USER, SERVICE, service, Scope.full());
  }

  /** The same caller through a credential holding {@code scopes}. */
  public Caller withScopes(Set<Scope> scopes) {
    return new Caller(userId, role, username, scopes);
  }

  public boolean isService() {
    return SERVICE.equals(role);
  }

  /** The user's role; not for {@link #isService() services}. */
  public Role userRole() {
    return Role.fromWire(role);
  }

  public DeliveryOptions applyTo(DeliveryOptions options) {
    return options.addHeader(BusHeaders.USER_ID, userId.toString())
        .addHeader(BusHeaders.USER_ROLE, role)
        .addHeader(BusHeaders.USERNAME, username == null ? "" : username)
        .addHeader(BusHeaders.SCOPES, Scope.join(scopes));
  }

  /** The caller of a message; fails UNAUTHENTICATED when the gateway set no identity. */
  public static Caller from(MultiMap headers) {
    String id = headers.get(BusHeaders.USER_ID);
    String role = headers.get(BusHeaders.USER_ROLE);
    if (id == null || role == null) {
      throw ErrorCode.UNAUTHENTICATED.exception("this operation needs a signed-in caller");
    }
    if (!SERVICE.equals(role) && !isUserRole(role)) {
      throw ErrorCode.UNAUTHENTICATED.exception("the caller headers name an unknown role");
    }
    try {
      return new Caller(UUID.fromString(id), role, headers.get(BusHeaders.USERNAME),
          Scope.split(headers.get(BusHeaders.SCOPES)));
    } catch (IllegalArgumentException e) {
      throw ErrorCode.UNAUTHENTICATED.exception("the caller headers are malformed");
    }
  }

  private static boolean isUserRole(String role) {
    try {
      return Role.fromWire(role).wireName().equals(role);
    } catch (IllegalArgumentException unknown) {
      return false;
    }
  }
}
