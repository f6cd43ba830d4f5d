package io.devsanctum.gateway.route;

import static io.devsanctum.gateway.route.BusForward.bodyAndPath;
import static io.devsanctum.gateway.route.BusForward.path;
import static io.devsanctum.gateway.route.BusForward.query;

import io.devsanctum.common.bus.WorkspaceContract;
import io.devsanctum.common.paging.PageRequest;
import io.devsanctum.gateway.client.ServiceClient;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.function.Function;

/** Workspaces, their transitions and deployments, and the live streams. */
public class WorkspaceRoutes {

  private final ServiceClient services;
  private final EventStreams streams;
  private final WorkspaceLinks links;

  public WorkspaceRoutes(ServiceClient services, EventStreams streams, WorkspaceLinks links) {
    this.services = services;
    this.streams = streams;
    this.links = links;
  }

  public void mount(RouterBuilder api) {
    BusForward forward = new BusForward(api, services);
    forward.conditionalOperation("listWorkspaces", WorkspaceContract.WORKSPACES_LIST,
        query("ownerId", "state", "templateId", PageRequest.LIMIT, PageRequest.CURSOR), links::decorate);
    forward.operation("createWorkspace", WorkspaceContract.WORKSPACES_CREATE, 201, bodyAndPath(), links::decorate);
    forward.operation("getWorkspace", WorkspaceContract.WORKSPACES_GET, 200, path("workspaceId"), links::decorate);
    forward.operation("deleteWorkspace", WorkspaceContract.WORKSPACES_TRANSITION, 202, transition("delete"), links::decorate);
    forward.operation("startWorkspace", WorkspaceContract.WORKSPACES_TRANSITION, 202, transition("start"), links::decorate);
    forward.operation("stopWorkspace", WorkspaceContract.WORKSPACES_TRANSITION, 202, transition("stop"), links::decorate);
    forward.operation("restartWorkspace", WorkspaceContract.WORKSPACES_TRANSITION, 202, transition("restart"), links::decorate);
    forward.operation("updateWorkspace", WorkspaceContract.WORKSPACES_TRANSITION, 202, transition("update"), links::decorate);
    forward.operation("setWorkspaceSharing", WorkspaceContract.WORKSPACES_SET_SHARING, 200, bodyAndPath("workspaceId"),
        links::decorate);
    forward.operation("setWorkspaceParameters", WorkspaceContract.WORKSPACES_SET_PARAMETERS, 200,
        bodyAndPath("workspaceId"), links::decorate);
    forward.operation("listDeployments", WorkspaceContract.DEPLOYMENTS_LIST, 200, path("workspaceId"));
    forward.operation("getDeploymentLogs", WorkspaceContract.DEPLOYMENT_LOGS, 200, ctx -> deploymentRequest(ctx)
        .put("afterLine", ApiRequest.query(ctx, "after") == null ? 0 : ((Number) ApiRequest.query(ctx, "after")).intValue()));
    api.getRoute("streamDeploymentLogs").addHandler(ctx -> streams.deploymentLog(ctx, deploymentRequest(ctx)));
    api.getRoute("streamWorkspaceEvents").addHandler(streams::workspaceChanges);
  }

  private static Function<RoutingContext, JsonObject> transition(String transition) {
    return ctx -> path("workspaceId").apply(ctx).put("transition", transition);
  }

  private static JsonObject deploymentRequest(RoutingContext ctx) {
    return path("workspaceId").apply(ctx).put("number", ApiRequest.pathInteger(ctx, "number"));
  }
}
