package io.devsanctum.auth.controller;

import io.devsanctum.auth.model.Role;
import io.devsanctum.auth.service.UserAdminService;
import io.devsanctum.common.bus.AuthContract;
import io.devsanctum.common.bus.BusEndpoint;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** User administration and "me" over the event bus. */
public class UserController {

  private final UserAdminService users;

  public UserController(UserAdminService users) {
    this.users = users;
  }

  public void register(Vertx vertx) {
    BusEndpoint.serve(vertx, AuthContract.USERS_ME, this::me);
    BusEndpoint.serve(vertx, AuthContract.USERS_GET, this::get);
    BusEndpoint.serve(vertx, AuthContract.USERS_LIST, this::list);
    BusEndpoint.serve(vertx, AuthContract.USERS_CREATE, this::create);
    BusEndpoint.serve(vertx, AuthContract.USERS_SUSPEND, this::suspend);
    BusEndpoint.serve(vertx, AuthContract.USERS_REACTIVATE, this::reactivate);
    BusEndpoint.serve(vertx, AuthContract.USERS_CHANGE_ROLE, this::changeRole);
  }

  private Future<JsonObject> me(Message<JsonObject> message) {
    return users.me(Requests.caller(message)).map(UserJson::toJson);
  }

  private Future<JsonObject> get(Message<JsonObject> message) {
    return users.get(Requests.caller(message), Requests.requiredUuid(message.body(), "userId")).map(UserJson::toJson);
  }

  private Future<JsonObject> list(Message<JsonObject> message) {
    return users.list(Requests.caller(message)).map(all -> new JsonObject()
        .put("users", new JsonArray(all.stream().map(UserJson::toJson).toList())));
  }

  private Future<JsonObject> create(Message<JsonObject> message) {
    return users.create(Requests.caller(message), UserJson.newUser(message.body()),
            Requests.optionalRole(message.body(), "role", Role.MEMBER))
        .map(UserJson::toJson);
  }

  private Future<JsonObject> suspend(Message<JsonObject> message) {
    return users.suspend(Requests.caller(message), Requests.requiredUuid(message.body(), "userId"))
        .map(UserJson::toJson);
  }

  private Future<JsonObject> reactivate(Message<JsonObject> message) {
    return users.reactivate(Requests.caller(message), Requests.requiredUuid(message.body(), "userId"))
        .map(UserJson::toJson);
  }

  private Future<JsonObject> changeRole(Message<JsonObject> message) {
    return users.changeRole(Requests.caller(message), Requests.requiredUuid(message.body(), "userId"),
            Requests.requiredRole(message.body(), "role"))
        .map(UserJson::toJson);
  }
}
