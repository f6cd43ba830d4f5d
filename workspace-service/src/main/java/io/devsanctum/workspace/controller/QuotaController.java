package io.devsanctum.workspace.controller;

import io.devsanctum.common.bus.BusEndpoint;
import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.bus.WorkspaceContract;
import io.devsanctum.common.validation.NumberRules;
import io.devsanctum.workspace.json.WorkspaceJson;
import io.devsanctum.workspace.model.Quota;
import io.devsanctum.workspace.service.QuotaService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

/** Per-user quotas over the event bus. */
public class QuotaController {

  private final QuotaService quotas;

  public QuotaController(QuotaService quotas) {
    this.quotas = quotas;
  }

  public void register(Vertx vertx) {
    BusEndpoint.serve(vertx, WorkspaceContract.QUOTAS_GET, this::get);
    BusEndpoint.serve(vertx, WorkspaceContract.QUOTAS_SET, this::set);
  }

  private Future<JsonObject> get(Message<JsonObject> message) {
    return quotas.get(Caller.from(message.headers()), Requests.uuid(message.body(), "userId")).map(WorkspaceJson::quota);
  }

  /** A limit as PostgreSQL's integer column holds it, or null for none. */
  private static Integer limit(JsonObject body, String field) {
    return NumberRules.wholeNumber(field, body.getValue(field), 0, Integer.MAX_VALUE);
  }

  private Future<JsonObject> set(Message<JsonObject> message) {
    JsonObject body = message.body();
    Quota quota = new Quota(Requests.uuid(body, "userId"), limit(body, "maxWorkspaces"), limit(body, "maxCpuMillis"),
        limit(body, "maxMemoryMb"));
    return quotas.set(Caller.from(message.headers()), quota).map(WorkspaceJson::quota);
  }
}
