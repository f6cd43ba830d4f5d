package io.devsanctum.gateway.route;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.devsanctum.common.contract.routing.RouteMapping;
import io.devsanctum.common.contract.workspace.Workspace;
import io.devsanctum.gateway.proxy.WorkspaceUrls;
import io.devsanctum.gateway.routetable.RouteCache;
import java.util.List;

/**
 * Adds where a running workspace opens ({@code url}, and {@code apps} with one URL per app) to
 * workspaces in API responses. The gateway knows this from its route table and its own public address;
 * workspace-service knows neither.
 */
public class WorkspaceLinks {

  /** A workspace as the API shows it: its own fields, and where it opens ({@code url} null until routed). */
  public record LinkedWorkspace(@JsonUnwrapped Workspace workspace,
      @JsonInclude(JsonInclude.Include.ALWAYS) String url, List<AppLink> apps) {
  }

  /** Where one app of a running workspace opens. */
  public record AppLink(String name, String url, boolean healthy) {
  }

  private final RouteCache routes;
  private final WorkspaceUrls urls;

  public WorkspaceLinks(RouteCache routes, WorkspaceUrls urls) {
    this.routes = routes;
    this.urls = urls;
  }

  /**
   * The workspace with its links, in constant time: the route table keeps each workspace's active
   * routes, default app first, and the record is written straight into the response.
   */
  public LinkedWorkspace linked(Workspace workspace) {
    List<RouteMapping> apps = routes.routesOf(workspace.id());
    List<AppLink> links = apps.stream()
        .map(app -> new AppLink(app.appName(), urls.hostUrl(app.host()) + "/", app.healthy()))
        .toList();
    return new LinkedWorkspace(workspace, links.isEmpty() ? null : links.get(0).url(), links);
  }
}
