package io.devsanctum.gateway.route;

import static io.devsanctum.gateway.middleware.AuthenticationHandler.caller;

import io.devsanctum.common.bus.BusFailure;
import io.devsanctum.common.contract.workspace.NewWorkspace;
import io.devsanctum.common.contract.workspace.WorkspaceAction;
import io.devsanctum.common.contract.workspace.WorkspaceContract;
import io.devsanctum.common.contract.workspace.WorkspaceSchedule;
import io.devsanctum.common.contract.workspace.WorkspaceState;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Workspaces, their transitions and deployments, and the live streams. */
public class WorkspaceRoutes {

  private final WorkspaceContract workspaces;
  private final EventStreams streams;
  private final WorkspaceLinks links;

  public WorkspaceRoutes(WorkspaceContract workspaces, EventStreams streams, WorkspaceLinks links) {
    this.workspaces = workspaces;
    this.streams = streams;
    this.links = links;
  }

  public void mount(RouterBuilder api) {
    ApiOperations operations = new ApiOperations(api);
    // the dashboard polls the list: an unchanged page costs it a 304 and no body
    operations.answerConditionally("listWorkspaces", ctx -> workspaces.listWorkspaces(caller(ctx),
            ApiRequest.queryUuid(ctx, "ownerId"), state(ctx), ApiRequest.queryUuid(ctx, "templateId"),
            (Boolean) ApiRequest.query(ctx, "dormant"), ApiPages.request(ctx))
        .map(page -> ApiPages.body("workspaces", page.map(links::linked))));
    operations.answer("createWorkspace", 201, ctx -> workspaces.createWorkspace(caller(ctx),
            ApiRequest.body(ctx, NewWorkspace.class))
        .map(links::linked));
    operations.answer("getWorkspace", 200, ctx -> workspaces.getWorkspace(caller(ctx), workspaceId(ctx))
        .map(links::linked));
    transition(operations, "deleteWorkspace", WorkspaceAction.DELETE);
    transition(operations, "startWorkspace", WorkspaceAction.START);
    transition(operations, "stopWorkspace", WorkspaceAction.STOP);
    transition(operations, "restartWorkspace", WorkspaceAction.RESTART);
    transition(operations, "updateWorkspace", WorkspaceAction.UPDATE);
    operations.answer("setWorkspaceSharing", 200, ctx -> workspaces.setSharing(caller(ctx), workspaceId(ctx),
            ApiRequest.body(ctx).getString("sharing"))
        .map(links::linked));
    operations.answer("setWorkspaceParameters", 200, ctx -> workspaces.setParameters(caller(ctx), workspaceId(ctx),
            parameterValues(ApiRequest.body(ctx).getJsonObject("parameters", new JsonObject())))
        .map(links::linked));
    operations.answer("setWorkspaceSchedule", 200, ctx -> workspaces.setSchedule(caller(ctx), workspaceId(ctx),
            ApiRequest.body(ctx, WorkspaceSchedule.class))
        .map(links::linked));
    operations.answer("wakeWorkspace", 200, ctx -> workspaces.wake(caller(ctx), workspaceId(ctx))
        .map(links::linked));
    operations.answer("extendWorkspace", 200, ctx -> workspaces.extend(caller(ctx), workspaceId(ctx))
        .map(links::linked));
    operations.answer("listDeployments", 200, ctx -> workspaces.deployments(caller(ctx), workspaceId(ctx),
            ApiPages.request(ctx))
        .map(page -> ApiPages.body("deployments", page)));
    operations.answer("getDeploymentLogs", 200, ctx -> workspaces.deploymentLog(caller(ctx), workspaceId(ctx),
        ApiRequest.pathInteger(ctx, "number"), after(ctx)));
    api.getRoute("streamDeploymentLogs").addHandler(ctx -> streams.deploymentLog(ctx, workspaceId(ctx),
        ApiRequest.pathInteger(ctx, "number")));
    api.getRoute("streamWorkspaceEvents").addHandler(streams::workspaceChanges);
  }

  private void transition(ApiOperations operations, String operationId, WorkspaceAction action) {
    operations.answer(operationId, 202, ctx -> workspaces.transition(caller(ctx), workspaceId(ctx), action)
        .map(links::linked));
  }

  private static java.util.UUID workspaceId(RoutingContext ctx) {
    return ApiRequest.pathUuid(ctx, "workspaceId");
  }

  private static int after(RoutingContext ctx) {
    Object after = ApiRequest.query(ctx, "after");
    return after == null ? 0 : ((Number) after).intValue();
  }

  private static WorkspaceState state(RoutingContext ctx) {
    Object state = ApiRequest.query(ctx, "state");
    if (state == null) {
      return null;
    }
    try {
      return WorkspaceState.valueOf(state.toString().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException unknown) {
      throw BusFailure.invalid("state", "not a workspace state");
    }
  }

  /** Parameter values as given (strings, numbers or booleans, as the contract allows), as their text. */
  private static Map<String, String> parameterValues(JsonObject given) {
    Map<String, String> values = new LinkedHashMap<>();
    given.forEach(entry -> values.put(entry.getKey(), String.valueOf(entry.getValue())));
    return values;
  }
}
