package io.devsanctum.common.bus;

/**
 * Request/reply addresses served by routing-service, and the event it publishes. Routes travel as
 * {@link RouteMapping#MAPPER} JSON: {host, workspaceId, ownerId, appName, appPort, upstreamUrl,
 * dockerHostId, sharing, healthPath, healthy, active, createdAt, updatedAt}. A route is
 * {@code active} while its workspace runs; a stopped workspace keeps its routes (so its host names
 * stay the same across stop/start) but inactive, and only deleting the workspace removes them.
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
   * ports, upstream URLs and sharing, makes inactive routes active again, and apps no longer listed
   * are removed. Exactly one app is the default.
   */
  public static final String REGISTER = "routing.routes.register";
  /**
   * {workspaceId, purge?: boolean} → {deactivated: n, removed: n}. Without {@code purge} (workspace
   * stopped) the workspace's active routes become inactive and are kept; with {@code purge: true}
   * (workspace deleted) every route of the workspace is deleted. Idempotent: a repeated call counts 0.
   */
  public static final String DEREGISTER = "routing.routes.deregister";
  /** {workspaceId?} → {routes: [route]}: one workspace's routes, or every route, active or not. */
  public static final String LIST = "routing.routes.list";
  /** {host} → route (active or not); NOT_FOUND when no route has that host. */
  public static final String RESOLVE = "routing.routes.resolve";
  /** {host, healthy} → {}; NOT_FOUND when no route has that host. */
  public static final String SET_HEALTH = "routing.routes.set-health";
  /**
   * {workspaceId, sharing: owner|authenticated|public} → {routes: [route]}: who may open the
   * workspace's routes, active or not, so that a change applies at once whether the workspace runs
   * or not. Idempotent; a workspace without routes (never started) has none to change.
   */
  public static final String SET_SHARING = "routing.routes.set-sharing";
  /**
   * {providerSecret} → the complete Traefik v3 dynamic configuration (HTTP-provider format) for
   * the active routes of the table. UNAUTHENTICATED unless the secret equals DEVSANCTUM_TRAEFIK_PROVIDER_SECRET;
   * with no secret configured every request is refused. The gateway serves it at
   * {@code GET /internal/traefik/config}, taking the secret from {@link #PROVIDER_SECRET_HEADER}.
   */
  public static final String TRAEFIK_DOCUMENT = "routing.traefik.document";
  /** The HTTP header Traefik's HTTP provider sends the shared secret in. */
  public static final String PROVIDER_SECRET_HEADER = "X-DevSanctum-Provider-Secret";

  /**
   * Published after every change: {change: registered|deactivated|removed|health, workspaceId, routes: [route],
   * at: epoch millis of publishing}. See {@link RouteChangedEvent}.
   */
  public static final String EVENTS_ROUTE_CHANGED = "routing.events.route-changed";

  private RoutingContract() {
  }
}
