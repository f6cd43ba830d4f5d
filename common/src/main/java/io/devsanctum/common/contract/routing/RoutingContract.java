package io.devsanctum.common.contract.routing;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.bus.Idempotent;
import io.devsanctum.common.bus.Nullable;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * routing-service: the route table. A route is {@code active} while its workspace runs; a stopped
 * workspace keeps its routes (so its host names stay the same across stop/start) but inactive, and
 * only deleting the workspace removes them. Host names: the default app is served at
 * {@code <slug>.<base-domain>}, every other app at {@code <app>--<slug>.<base-domain>}; the slug comes
 * from the workspace and owner names and is unique in the table. Every operation but the Traefik
 * document is for services and admins only (FORBIDDEN otherwise: a cluster member forging a user's
 * call gets nowhere). Refusals: VALIDATION, NOT_FOUND, CONFLICT (no free host name).
 */
public interface RoutingContract {

  String ADDRESS = "routing";
  /** Published after every change of the table: a {@link RouteChangedEvent}. */
  String EVENTS_ROUTE_CHANGED = "routing.events.route-changed";
  /** The HTTP header Traefik's HTTP provider sends the shared secret in. */
  String PROVIDER_SECRET_HEADER = "X-DevSanctum-Provider-Secret";

  /**
   * Makes the workspace's routes exactly its apps, with the default app's host. Idempotent in
   * effect: the same workspace keeps its host names, a repeated call updates ports, upstream URLs
   * and sharing, makes inactive routes active again, and removes apps no longer listed.
   */
  Future<RoutesRegistered> register(Caller caller, RouteRegistration registration);

  /**
   * Without {@code purge} (the workspace stopped) its active routes become inactive and are kept;
   * with it (the workspace deleted) every route of the workspace is deleted. A repeated call counts 0.
   */
  Future<RoutesDeregistered> deregister(Caller caller, UUID workspaceId, boolean purge);

  /** The whole table, with its version (to follow from with {@link RouteChangedEvent}s). */
  @Idempotent
  Future<RouteTable> table(Caller caller);

  /** One workspace's routes, active or not. */
  @Idempotent
  Future<java.util.List<RouteMapping>> routesOf(Caller caller, UUID workspaceId);

  /** The route of {@code host}, active or not; NOT_FOUND when none has it. */
  @Idempotent
  Future<RouteMapping> resolve(Caller caller, String host);

  /** Records the health a data plane observed on the host's upstream; NOT_FOUND when no route has the host. */
  @Idempotent
  Future<Void> setHealth(Caller caller, String host, boolean healthy);

  /**
   * The complete Traefik v3 dynamic configuration (HTTP-provider format) for the active routes.
   * UNAUTHENTICATED unless {@code providerSecret} is DEVSANCTUM_TRAEFIK_PROVIDER_SECRET; with no
   * secret configured every request is refused.
   */
  @Idempotent
  Future<JsonObject> traefikDocument(@Nullable String providerSecret);
}
