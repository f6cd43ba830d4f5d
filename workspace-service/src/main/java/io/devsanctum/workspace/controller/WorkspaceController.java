package io.devsanctum.workspace.controller;

import io.devsanctum.common.bus.BusEndpoint;
import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.bus.BusFailure;
import io.devsanctum.common.bus.WorkspaceContract;
import io.devsanctum.common.validation.NumberRules;
import io.devsanctum.workspace.json.WorkspaceJson;
import io.devsanctum.workspace.model.WorkspaceState;
import io.devsanctum.workspace.repository.WorkspaceRepository;
import io.devsanctum.workspace.service.WorkspaceService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Workspaces and their deployments over the event bus. */
public class WorkspaceController {

  private final WorkspaceService workspaces;

  public WorkspaceController(WorkspaceService workspaces) {
    this.workspaces = workspaces;
  }

  public void register(Vertx vertx) {
    BusEndpoint.serve(vertx, WorkspaceContract.WORKSPACES_CREATE, this::create);
    BusEndpoint.serve(vertx, WorkspaceContract.WORKSPACES_LIST, this::list);
    BusEndpoint.serve(vertx, WorkspaceContract.WORKSPACES_GET, this::get);
    BusEndpoint.serve(vertx, WorkspaceContract.WORKSPACES_TRANSITION, this::transition);
    BusEndpoint.serve(vertx, WorkspaceContract.WORKSPACES_SET_SHARING, this::setSharing);
    BusEndpoint.serve(vertx, WorkspaceContract.WORKSPACES_SET_PARAMETERS, this::setParameters);
    BusEndpoint.serve(vertx, WorkspaceContract.DEPLOYMENTS_LIST, this::deployments);
    BusEndpoint.serve(vertx, WorkspaceContract.DEPLOYMENT_LOGS, this::logs);
    BusEndpoint.serve(vertx, WorkspaceContract.OWNERS_RELEASE, this::releaseOwner);
  }

  private Future<JsonObject> releaseOwner(Message<JsonObject> message) {
    JsonObject body = message.body();
    return workspaces.releaseOwner(Caller.from(message.headers()), Requests.uuid(body, "ownerId"),
            body.getBoolean("deleteWorkspaces", false))
        .map(deleting -> new JsonObject().put("deleting", deleting));
  }

  private Future<JsonObject> create(Message<JsonObject> message) {
    JsonObject body = message.body();
    return workspaces.create(Caller.from(message.headers()), Requests.uuid(body, "templateId"), Requests.string(body, "name"),
            parameters(body))
        .map(WorkspaceJson::workspace);
  }

  private Future<JsonObject> setParameters(Message<JsonObject> message) {
    return workspaces.setParameters(Caller.from(message.headers()), workspaceId(message), parameters(message.body()))
        .map(WorkspaceJson::workspace);
  }

  /** Parameter values as given (strings, numbers or booleans), as the strings they are stored as. */
  private static Map<String, String> parameters(JsonObject body) {
    Object given = body.getValue("parameters");
    if (given != null && !(given instanceof JsonObject)) {
      throw BusFailure.invalid("parameters", "must be an object of values");
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    if (given instanceof JsonObject values) {
      values.forEach(e -> {
        if (!(e.getValue() instanceof String || e.getValue() instanceof Number || e.getValue() instanceof Boolean)) {
          throw BusFailure.invalid("parameters." + e.getKey(), "a string, number or boolean");
        }
        parameters.put(e.getKey(), String.valueOf(e.getValue()));
      });
    }
    return parameters;
  }

  private Future<JsonObject> list(Message<JsonObject> message) {
    JsonObject body = message.body();
    WorkspaceState state = parseState(Requests.string(body, "state"));
    return workspaces.list(Caller.from(message.headers()), new WorkspaceRepository.Filter(
            Requests.optionalUuid(body, "ownerId"), state, Requests.optionalUuid(body, "templateId")))
        .map(list -> new JsonObject().put("workspaces", new JsonArray(list.stream().map(WorkspaceJson::workspace).toList())));
  }

  private Future<JsonObject> get(Message<JsonObject> message) {
    return workspaces.get(Caller.from(message.headers()), workspaceId(message)).map(WorkspaceJson::workspace);
  }

  private Future<JsonObject> transition(Message<JsonObject> message) {
    String given = Requests.string(message.body(), "transition");
    String transition = given == null ? "" : given;
    WorkspaceService.Action action;
    try {
      action = WorkspaceService.Action.valueOf(transition.toUpperCase());
    } catch (IllegalArgumentException e) {
      throw BusFailure.invalid("transition", "one of start, stop, restart, delete, update");
    }
    return workspaces.transition(Caller.from(message.headers()), workspaceId(message), action)
        .map(WorkspaceJson::workspace);
  }

  private Future<JsonObject> setSharing(Message<JsonObject> message) {
    return workspaces.setSharing(Caller.from(message.headers()), workspaceId(message), Requests.string(message.body(), "sharing"))
        .map(WorkspaceJson::workspace);
  }

  private Future<JsonObject> deployments(Message<JsonObject> message) {
    return workspaces.deployments(Caller.from(message.headers()), workspaceId(message)).map(list -> new JsonObject()
        .put("deployments", new JsonArray(list.stream().map(WorkspaceJson::deployment).toList())));
  }

  private Future<JsonObject> logs(Message<JsonObject> message) {
    Caller caller = Caller.from(message.headers());
    UUID workspaceId = workspaceId(message);
    Integer number = NumberRules.wholeNumber("number", message.body().getValue("number"), 1, Integer.MAX_VALUE);
    if (number == null) {
      throw BusFailure.invalid("number", "required");
    }
    Integer after = NumberRules.wholeNumber("after", message.body().getValue("afterLine"), 0, Integer.MAX_VALUE);
    int afterLine = after == null ? 0 : after;
    return workspaces.deployment(caller, workspaceId, number)
        .compose(deployment -> workspaces.logs(caller, workspaceId, number, afterLine).map(lines -> new JsonObject()
            .put("deployment", WorkspaceJson.deployment(deployment))
            .put("lines", new JsonArray(lines.stream().map(WorkspaceJson::logLine).toList()))));
  }

  private static UUID workspaceId(Message<JsonObject> message) {
    return Requests.uuid(message.body(), "workspaceId");
  }

  private static WorkspaceState parseState(String state) {
    if (state == null) {
      return null;
    }
    try {
      return WorkspaceState.valueOf(state.toUpperCase());
    } catch (IllegalArgumentException e) {
      throw BusFailure.invalid("state", "not a workspace state");
    }
  }
}
