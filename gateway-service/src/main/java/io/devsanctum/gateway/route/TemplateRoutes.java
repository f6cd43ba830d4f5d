package io.devsanctum.gateway.route;

import static io.devsanctum.gateway.route.BusForward.bodyAndPath;
import static io.devsanctum.gateway.route.BusForward.path;
import static io.devsanctum.gateway.route.BusForward.query;

import io.devsanctum.common.bus.ProvisionerContract;
import io.devsanctum.common.bus.WorkspaceContract;
import io.devsanctum.gateway.client.ServiceClient;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/** Templates and their versions, and the Docker hosts they run on. */
public class TemplateRoutes {

  private final ServiceClient services;

  public TemplateRoutes(ServiceClient services) {
    this.services = services;
  }

  public void mount(RouterBuilder api) {
    BusForward forward = new BusForward(api, services);
    forward.operation("listTemplates", WorkspaceContract.TEMPLATES_LIST, 200, query("includeArchived"));
    forward.operation("createTemplate", WorkspaceContract.TEMPLATES_CREATE, 201, bodyAndPath());
    forward.operation("getTemplate", WorkspaceContract.TEMPLATES_GET, 200, path("templateId"));
    forward.operation("updateTemplate", WorkspaceContract.TEMPLATES_UPDATE, 200, bodyAndPath("templateId"));
    forward.operation("archiveTemplate", WorkspaceContract.TEMPLATES_ARCHIVE, 200, path("templateId"));
    forward.operation("listTemplateVersions", WorkspaceContract.TEMPLATES_VERSIONS, 200, path("templateId"));
    forward.operation("listDockerHosts", ProvisionerContract.HOSTS_LIST, 200, ctx -> new JsonObject());
  }
}
