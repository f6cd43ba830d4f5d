package io.devsanctum.auth.controller;

import io.devsanctum.auth.service.SetupService;
import io.devsanctum.common.bus.AuthContract;
import io.devsanctum.common.bus.BusEndpoint;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

/** First-run setup over the event bus. */
public class SetupController {

  private final SetupService setup;

  public SetupController(SetupService setup) {
    this.setup = setup;
  }

  public void register(Vertx vertx) {
    BusEndpoint.serve(vertx, AuthContract.SETUP_STATUS, this::status);
    BusEndpoint.serve(vertx, AuthContract.SETUP_FIRST_ADMIN, this::createFirstAdmin);
  }

  private Future<JsonObject> status(Message<JsonObject> message) {
    return setup.firstUserRequired().map(required -> new JsonObject().put("firstUserRequired", required));
  }

  private Future<JsonObject> createFirstAdmin(Message<JsonObject> message) {
    return setup.createFirstAdmin(UserJson.newUser(message.body())).map(UserJson::toJson);
  }
}
