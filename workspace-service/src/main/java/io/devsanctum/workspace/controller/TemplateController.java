package io.devsanctum.workspace.controller;

import io.devsanctum.common.bus.BusEndpoint;
import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.bus.WorkspaceContract;
import io.devsanctum.workspace.json.TemplateSpecMapper;
import io.devsanctum.workspace.json.WorkspaceJson;
import io.devsanctum.workspace.service.TemplateService;
import io.devsanctum.workspace.service.TemplateService.TemplateDetails;
import io.devsanctum.workspace.service.TemplateService.TemplateView;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Templates over the event bus. */
public class TemplateController {

  private final TemplateService templates;

  public TemplateController(TemplateService templates) {
    this.templates = templates;
  }

  public void register(Vertx vertx) {
    BusEndpoint.serve(vertx, WorkspaceContract.TEMPLATES_LIST, this::list);
    BusEndpoint.serve(vertx, WorkspaceContract.TEMPLATES_GET, this::get);
    BusEndpoint.serve(vertx, WorkspaceContract.TEMPLATES_CREATE, this::create);
    BusEndpoint.serve(vertx, WorkspaceContract.TEMPLATES_UPDATE, this::update);
    BusEndpoint.serve(vertx, WorkspaceContract.TEMPLATES_ARCHIVE, this::archive);
    BusEndpoint.serve(vertx, WorkspaceContract.TEMPLATES_VERSIONS, this::versions);
  }

  private Future<JsonObject> list(Message<JsonObject> message) {
    Caller.from(message.headers());
    return templates.list(message.body().getBoolean("includeArchived", false)).map(views -> new JsonObject()
        .put("templates", new JsonArray(views.stream().map(TemplateController::json).toList())));
  }

  private Future<JsonObject> get(Message<JsonObject> message) {
    Caller.from(message.headers());
    return templates.get(Requests.uuid(message.body(), "templateId")).map(TemplateController::json);
  }

  private Future<JsonObject> create(Message<JsonObject> message) {
    JsonObject body = message.body();
    JsonObject spec = Requests.object(body, "spec");
    return templates.create(Caller.from(message.headers()), Requests.string(body, "name"), details(body),
            TemplateSpecMapper.INSTANCE.fromJson(spec == null ? new JsonObject() : spec))
        .map(TemplateController::json);
  }

  private Future<JsonObject> update(Message<JsonObject> message) {
    JsonObject body = message.body();
    JsonObject spec = Requests.object(body, "spec");
    return templates.update(Caller.from(message.headers()), Requests.uuid(body, "templateId"), details(body),
            spec == null ? null : TemplateSpecMapper.INSTANCE.fromJson(spec))
        .map(TemplateController::json);
  }

  private Future<JsonObject> archive(Message<JsonObject> message) {
    return templates.archive(Caller.from(message.headers()), Requests.uuid(message.body(), "templateId"))
        .map(TemplateController::json);
  }

  private Future<JsonObject> versions(Message<JsonObject> message) {
    Caller.from(message.headers());
    return templates.versions(Requests.uuid(message.body(), "templateId")).map(versions -> new JsonObject()
        .put("versions", new JsonArray(versions.stream().map(WorkspaceJson::version).toList())));
  }

  private static TemplateDetails details(JsonObject body) {
    return new TemplateDetails(Requests.string(body, "displayName"), Requests.string(body, "description"),
        Requests.string(body, "icon"));
  }

  private static JsonObject json(TemplateView view) {
    JsonObject json = WorkspaceJson.template(view.template(), view.activeVersion());
    if (!view.warnings().isEmpty()) {
      json.put("warnings", new JsonArray(view.warnings().stream().map(WorkspaceJson::warning).toList()));
    }
    return json;
  }
}
