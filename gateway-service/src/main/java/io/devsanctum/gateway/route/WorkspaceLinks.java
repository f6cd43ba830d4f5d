package io.devsanctum.gateway.route;

import io.devsanctum.common.contract.ContractJson;
import io.devsanctum.common.contract.routing.RouteMapping;
import io.devsanctum.common.contract.workspace.Workspace;
import io.devsanctum.gateway.proxy.WorkspaceUrls;
import io.devsanctum.gateway.routetable.RouteCache;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Comparator;
import java.util.List;

/**
 * Adds where a running workspace opens ({@code url}, and {@code apps} with one URL per app) to
 * workspaces in API responses. The gateway knows this from its route table and its own public address;
 * workspace-service knows neither.
 */
public class WorkspaceLinks {

  private final RouteCache routes;
  private final WorkspaceUrls urls;

  public WorkspaceLinks(RouteCache routes, WorkspaceUrls urls) {
    this.routes = routes;
    this.urls = urls;
  }

  /** The workspace as the API shows it: with its links. */
  public JsonObject linked(Workspace workspace) {
    JsonObject json = ContractJson.toJson(workspace);
    // the default app is served at <slug>.<domain>, every other app at <app>--<slug>.<domain>:
    // the shortest host is the default one
    List<RouteMapping> apps = routes.routesOf(workspace.id()).stream()
        .sorted(Comparator.comparing((RouteMapping route) -> route.host().length()).thenComparing(RouteMapping::host))
        .toList();
    JsonArray appLinks = new JsonArray();
    apps.forEach(app -> appLinks.add(new JsonObject().put("name", app.appName())
        .put("url", urls.hostUrl(app.host()) + "/").put("healthy", app.healthy())));
    return json.put("url", apps.isEmpty() ? null : urls.hostUrl(apps.get(0).host()) + "/").put("apps", appLinks);
  }
}
