package io.devsanctum.routing.infrastructure.proxy.caddy;

import io.devsanctum.common.contract.routing.RouteMapping;
import io.devsanctum.routing.config.CaddyConfig;
import io.devsanctum.routing.service.ProxyProvider;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caddy, driven at runtime through its admin API: each active route is a Caddy route of its own,
 * addressed by its {@code @id} ({@link CaddyRoutes}), at the head of the configured server's routes;
 * the operator's routes of that server (the dashboard's, a catch-all) stay as they are, after ours.
 *
 * <p>Every call compares what Caddy has with the table and, when they differ, writes the server's
 * routes in one request guarded by the ETag of the read: added routes appear, removed ones go,
 * changed ones are replaced. One request because Caddy applies every admin change by reloading
 * its whole configuration, so one call per route would cost a reload each and could leave half a
 * table when one failed. The same comparison is the reconciler's: called periodically, it finds
 * a Caddy that restarted without our routes, or routes edited by hand, and pushes the whole set
 * again.
 */
public class CaddyProxyProvider implements ProxyProvider {

  private static final Logger LOG = LoggerFactory.getLogger(CaddyProxyProvider.class);
  /** A write that met a change by someone else is tried again on a fresh read, this often. */
  private static final int ATTEMPTS = 3;
  private static final int LOGGED_HOSTS = 5;

  private final CaddyAdmin admin;
  private final CaddyRoutes routes;

  public CaddyProxyProvider(Vertx vertx, CaddyConfig config) {
    this.admin = new CaddyAdmin(vertx, config);
    this.routes = new CaddyRoutes(config);
  }

  @Override
  public Future<Void> apply(List<RouteMapping> table) {
    return push(routes.render(table), 1);
  }

  private Future<Void> push(List<JsonObject> wanted, int attempt) {
    return admin.server().compose(server -> {
      JsonArray merged = merged(wanted, server.routes());
      if (merged.equals(server.routes())) {
        return Future.succeededFuture();
      }
      String change = describe(ours(server.routes()), wanted);
      return admin.replaceRoutes(server, merged)
          .onSuccess(done -> LOG.info("Caddy's routes updated ({}); workspace routes in Caddy now: {}",
              change, wanted.size()))
          .recover(failure -> failure instanceof CaddyAdminException refused
              && refused.reason() == CaddyAdminException.Reason.CHANGED_MEANWHILE && attempt < ATTEMPTS
              ? push(wanted, attempt + 1) : Future.failedFuture(failure));
    });
  }

  /** Ours first, in host order (exact hosts never overlap; first, they stay ahead of any catch-all), then the rest. */
  private static JsonArray merged(List<JsonObject> wanted, JsonArray current) {
    JsonArray merged = new JsonArray(new ArrayList<>(wanted));
    current.stream().filter(route -> !CaddyRoutes.isOurs(route)).forEach(merged::add);
    return merged;
  }

  private static Map<String, JsonObject> ours(JsonArray current) {
    Map<String, JsonObject> ours = new LinkedHashMap<>();
    current.stream().filter(CaddyRoutes::isOurs).map(JsonObject.class::cast)
        .forEach(route -> ours.put(route.getString("@id"), route));
    return ours;
  }

  /** Which hosts the write adds, removes and changes, for the log. */
  private static String describe(Map<String, JsonObject> had, List<JsonObject> wanted) {
    Map<String, JsonObject> want = new LinkedHashMap<>();
    wanted.forEach(route -> want.put(route.getString("@id"), route));
    TreeSet<String> added = new TreeSet<>();
    TreeSet<String> changed = new TreeSet<>();
    want.forEach((id, route) -> {
      if (!had.containsKey(id)) {
        added.add(host(id));
      } else if (!Objects.equals(had.get(id), route)) {
        changed.add(host(id));
      }
    });
    TreeSet<String> removed = new TreeSet<>();
    had.keySet().stream().filter(id -> !want.containsKey(id)).forEach(id -> removed.add(host(id)));
    List<String> parts = new ArrayList<>();
    listed(parts, "added", added);
    listed(parts, "removed", removed);
    listed(parts, "replaced", changed);
    return parts.isEmpty() ? "reordered" : String.join("; ", parts);
  }

  /** A restarted Caddy gets every route again: the log names a few, and counts them all. */
  private static void listed(List<String> parts, String what, TreeSet<String> hosts) {
    if (hosts.isEmpty()) {
      return;
    }
    List<String> named = hosts.stream().limit(LOGGED_HOSTS).toList();
    parts.add(what + " " + hosts.size() + ": " + String.join(", ", named)
        + (hosts.size() > named.size() ? ", ..." : ""));
  }

  private static String host(String id) {
    return id.substring(CaddyRoutes.ID_PREFIX.length());
  }
}
