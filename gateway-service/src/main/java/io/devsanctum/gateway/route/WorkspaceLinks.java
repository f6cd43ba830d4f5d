package io.devsanctum.gateway.route;

import io.devsanctum.common.bus.RouteMapping;
import io.devsanctum.gateway.proxy.RouteCache;
import io.devsanctum.gateway.proxy.WorkspaceUrls;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
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

  /** Constant time per workspace: its routes are indexed by workspace, default app first. */
  private void link(JsonObject workspace) {
    List<RouteMapping> apps = routes.routesOf(UUID.fromString(workspace.getString("id")));
    JsonArray appLinks = new JsonArray(new ArrayList<>(apps.size()));
    apps.forEach(app -> appLinks.add(new JsonObject().put("name", app.appName())
        .put("url", urls.hostUrl(app.host()) + "/").put("healthy", app.healthy())));
    workspace.put("url", apps.isEmpty() ? null : urls.hostUrl(apps.get(0).host()) + "/").put("apps", appLinks);
  }
}
