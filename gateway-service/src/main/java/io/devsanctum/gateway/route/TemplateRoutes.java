package io.devsanctum.gateway.route;

import static io.devsanctum.gateway.middleware.AuthenticationHandler.caller;

import io.devsanctum.common.contract.provisioner.ProvisionerContract;
import io.devsanctum.common.contract.workspace.NewTemplate;
import io.devsanctum.common.contract.workspace.TemplateChanges;
import io.devsanctum.common.contract.workspace.WorkspaceContract;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.Map;

/** Templates and their versions, and the Docker hosts they run on. */
public class TemplateRoutes {

  private final WorkspaceContract workspaces;
  private final ProvisionerContract provisioner;

  public TemplateRoutes(WorkspaceContract workspaces, ProvisionerContract provisioner) {
    this.workspaces = workspaces;
    this.provisioner = provisioner;
  }

  public void mount(RouterBuilder api) {
    ApiOperations operations = new ApiOperations(api);
    operations.answer("listTemplates", 200, ctx -> workspaces.listTemplates(caller(ctx),
            Boolean.TRUE.equals(ApiRequest.query(ctx, "includeArchived")), ApiPages.request(ctx))
        .map(page -> ApiPages.body("templates", page)));
    operations.answer("createTemplate", 201, ctx -> workspaces.createTemplate(caller(ctx),
        ApiRequest.body(ctx, NewTemplate.class)));
    operations.answer("getTemplate", 200, ctx -> workspaces.getTemplate(caller(ctx), ApiRequest.pathUuid(ctx, "templateId")));
    operations.answer("updateTemplate", 200, ctx -> workspaces.updateTemplate(caller(ctx),
        ApiRequest.pathUuid(ctx, "templateId"), ApiRequest.body(ctx, TemplateChanges.class)));
    operations.answer("archiveTemplate", 200, ctx -> workspaces.archiveTemplate(caller(ctx),
        ApiRequest.pathUuid(ctx, "templateId")));
    operations.answer("listTemplateVersions", 200, ctx -> workspaces.templateVersions(caller(ctx),
            ApiRequest.pathUuid(ctx, "templateId"), ApiPages.request(ctx))
        .map(page -> ApiPages.body("versions", page)));
    operations.answer("listDockerHosts", 200, ctx -> provisioner.hosts(caller(ctx))
        .map(hosts -> Map.of("hosts", hosts)));
  }
}
