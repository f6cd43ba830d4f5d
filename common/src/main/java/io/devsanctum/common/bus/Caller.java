package io.devsanctum.common.bus;

import io.vertx.core.MultiMap;
import io.vertx.core.eventbus.DeliveryOptions;
import java.util.UUID;

/**
 * Who asked: the user the gateway authenticated, carried in delivery headers. Each service decides
 * what a caller may do in its one policy class (WorkspacePolicy, RoutingPolicy, ...) and never
 * trusts ids taken from request bodies.
 */
public record Caller(UUID userId, String role, String username) {

  public static final String ADMIN = "admin";
  public static final String MEMBER = "member";
  /** The role of a service acting on its own account (the orchestrator, the reconciler), not for a user. */
  public static final String SERVICE = "service";
  private static final UUID NO_USER = new UUID(0, 0);

  /** {@code service} acting on its own account. */
  public static Caller service(String service) {
    return new Caller(NO_USER, SERVICE, service);
  }

  public boolean isAdmin() {
    return ADMIN.equals(role);
  }

  public boolean isService() {
    return SERVICE.equals(role);
  }

  public DeliveryOptions applyTo(DeliveryOptions options) {
    return options.addHeader(BusHeaders.USER_ID, userId.toString())
        .addHeader(BusHeaders.USER_ROLE, role)
        .addHeader(BusHeaders.USERNAME, username == null ? "" : username);
  }

  /** The caller of a message; fails UNAUTHENTICATED when the gateway set no identity. */
  public static Caller from(MultiMap headers) {
    String id = headers.get(BusHeaders.USER_ID);
    String role = headers.get(BusHeaders.USER_ROLE);
    if (id == null || role == null) {
      throw ErrorCode.UNAUTHENTICATED.exception("this operation needs a signed-in caller");
    }
    if (!ADMIN.equals(role) && !MEMBER.equals(role) && !SERVICE.equals(role)) {
      throw ErrorCode.UNAUTHENTICATED.exception("the caller headers name an unknown role");
    }
    try {
      return new Caller(UUID.fromString(id), role, headers.get(BusHeaders.USERNAME));
    } catch (IllegalArgumentException e) {
      throw ErrorCode.UNAUTHENTICATED.exception("the caller headers are malformed");
    }
  }
}
