package io.devsanctum.common.bus;

/**
 * Request/reply addresses served by routing-service, and the event it publishes. Routes travel as
 * {@link RouteMapping#MAPPER} JSON: {host, workspaceId, ownerId, appName, appPort, upstreamUrl,
 * dockerHostId, sharing, healthPath, healthy, createdAt, updatedAt}.
 *
 * <p>Host names: the default app is served at {@code <slug>.<base-domain>}, every other app at
 * {@code <app>--<slug>.<base-domain>}; the slug comes from the workspace and owner names and is
 * unique in the route table. Failures: VALIDATION (malformed request), NOT_FOUND, CONFLICT (no
 * free host name), UNAUTHENTICATED (wrong provider secret).
 */
public final class RoutingContract {

  /**
   * {workspaceId, ownerId, ownerName, workspaceName, dockerHostId, sharing?: owner|authenticated|public,
   * apps: [{name, port, upstreamUrl, default, healthPath?}]} → {routes: [route], host}: {@code host} is
   * the default app's. Idempotent: the same workspace keeps its host names, a repeated call updates
   * ports and upstream URLs, and apps no longer listed are removed. Exactly one app is the default.
   */
  public static final String REGISTER = "routing.routes.register";
  /** {workspaceId} → {removed: n}; idempotent (n is 0 when the workspace had no routes). */
  public static final String DEREGISTER = "routing.routes.deregister";
  /** {workspaceId?} → {routes: [route]}: one workspace's routes, or every route. */
  public static final String LIST = "routing.routes.list";
  /** {host} → route; NOT_FOUND when no route has that host. */
  public static final String RESOLVE = "routing.routes.resolve";
  /** {host, healthy} → {}; NOT_FOUND when no route has that host. */
  public static final String SET_HEALTH = "routing.routes.set-health";
  /**
   * {providerSecret} → the complete Traefik v3 dynamic configuration (HTTP-provider format) for
   * the whole route table. UNAUTHENTICATED unless the secret equals DEVSANCTUM_TRAEFIK_PROVIDER_SECRET;
   * with no secret configured every request is refused. The gateway serves it at
   * {@code GET /internal/traefik/config}, taking the secret from {@link #PROVIDER_SECRET_HEADER}.
   */
  public static final String TRAEFIK_DOCUMENT = "routing.traefik.document";
  /** The HTTP header Traefik's HTTP provider sends the shared secret in. */
  public static final String PROVIDER_SECRET_HEADER = "X-DevSanctum-Provider-Secret";

  /**
   * Published after every change: {change: registered|removed|health, workspaceId, routes: [route],
   * at: epoch millis of publishing}. See {@link RouteChangedEvent}.
   */
  public static final String EVENTS_ROUTE_CHANGED = "routing.events.route-changed";

  private RoutingContract() {
  }
}
