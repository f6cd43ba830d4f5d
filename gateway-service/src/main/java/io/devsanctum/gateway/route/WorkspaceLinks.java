package io.devsanctum.gateway.route;

import io.devsanctum.common.contract.routing.RouteMapping;
import io.devsanctum.gateway.proxy.RouteCache;
import io.devsanctum.gateway.proxy.WorkspaceUrls;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Adds where a running workspace opens ({@code url}, and {@code apps} with one URL per app) to
 * workspace replies. The gateway knows this from its route table and its own public address;
 * workspace-service knows neither.
 */
public class WorkspaceLinks {

  private final RouteCache routes;
  private final WorkspaceUrls urls;

  public WorkspaceLinks(RouteCache routes, WorkspaceUrls urls) {
    this.routes = routes;
    this.urls = urls;
  }

  /** A Workspace, or a reply holding a {@code workspaces} array, with its links filled in. */
  public Object decorate(Object reply) {
    if (reply instanceof JsonObject json) {
      if (json.containsKey("workspaces")) {
        json.getJsonArray("workspaces").forEach(w -> link((JsonObject) w));
      } else if (json.containsKey("ownerId")) {
        link(json);
      }
    }
    return reply;
  }

  private void link(JsonObject workspace) {
    // the default app is served at <slug>.<domain>, every other app at <app>--<slug>.<domain>:
    // the shortest host is the default one
    List<RouteMapping> apps = routes.routesOf(UUID.fromString(workspace.getString("id"))).stream()
        .sorted(Comparator.comparing((RouteMapping route) -> route.host().length()).thenComparing(RouteMapping::host))
        .toList();
    JsonArray appLinks = new JsonArray();
    apps.forEach(app -> appLinks.add(new JsonObject().put("name", app.appName())
        .put("url", urls.hostUrl(app.host()) + "/").put("healthy", app.healthy())));
    workspace.put("url", apps.isEmpty() ? null : urls.hostUrl(apps.get(0).host()) + "/").put("apps", appLinks);
  }
}
