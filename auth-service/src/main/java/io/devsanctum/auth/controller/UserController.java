package io.devsanctum.auth.controller;

import io.devsanctum.auth.model.Role;
import io.devsanctum.auth.service.PasswordService;
import io.devsanctum.auth.service.UserAdminService;
import io.devsanctum.common.bus.ErrorCode;

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
  private final PasswordService passwords;

  public UserController(UserAdminService users, PasswordService passwords) {
    this.users = users;
    this.passwords = passwords;
  }

  public void register(Vertx vertx) {
    BusEndpoint.serve(vertx, AuthContract.USERS_ME, this::me);
    BusEndpoint.serve(vertx, AuthContract.USERS_GET, this::get);
    BusEndpoint.serve(vertx, AuthContract.USERS_LIST, this::list);
    BusEndpoint.serve(vertx, AuthContract.USERS_CREATE, this::create);
    BusEndpoint.serve(vertx, AuthContract.USERS_SUSPEND, this::suspend);
    BusEndpoint.serve(vertx, AuthContract.USERS_REACTIVATE, this::reactivate);
    BusEndpoint.serve(vertx, AuthContract.USERS_CHANGE_ROLE, this::changeRole);
    BusEndpoint.serve(vertx, AuthContract.USERS_CHANGE_OWN_PASSWORD, this::changeOwnPassword);
    BusEndpoint.serve(vertx, AuthContract.USERS_RESET_PASSWORD, this::resetPassword);
    BusEndpoint.serve(vertx, AuthContract.USERS_DELETE, this::delete);
    BusEndpoint.serve(vertx, AuthContract.LOCKOUTS_LIST, this::lockouts);
    BusEndpoint.serve(vertx, AuthContract.LOCKOUTS_CLEAR_USER, this::unlock);
    BusEndpoint.serve(vertx, AuthContract.LOCKOUTS_CLEAR_ADDRESS, this::unlockAddress);
  }

  private Future<JsonObject> changeOwnPassword(Message<JsonObject> message) {
    JsonObject body = message.body();
    return passwords.changeOwn(Requests.caller(message), Requests.optionalUuid(body, "sessionId"),
            Requests.requiredString(body, "currentPassword"), Requests.requiredString(body, "newPassword"),
            Requests.requiredString(body, "clientAddress"))
        .map(UserJson::toJson);
  }

  private Future<JsonObject> resetPassword(Message<JsonObject> message) {
    return passwords.reset(Requests.caller(message), Requests.requiredUuid(message.body(), "userId"))
        .map(oneTime -> new JsonObject().put("oneTimePassword", oneTime));
  }

  private Future<JsonObject> delete(Message<JsonObject> message) {
    JsonObject body = message.body();
    Object deleteWorkspaces = body.getValue("deleteWorkspaces", false);
    if (!(deleteWorkspaces instanceof Boolean)) {
      throw ErrorCode.VALIDATION.exception("deleteWorkspaces: must be true or false");
    }
    return users.delete(Requests.caller(message), Requests.requiredUuid(body, "userId"), (Boolean) deleteWorkspaces)
        .map(done -> new JsonObject());
  }

  private Future<JsonObject> lockouts(Message<JsonObject> message) {
    return users.lockouts(Requests.caller(message)).map(lockouts -> new JsonObject()
        .put("lockouts", new JsonArray(lockouts.stream().map(UserJson::lockout).toList())));
  }

  private Future<JsonObject> unlock(Message<JsonObject> message) {
    return users.unlock(Requests.caller(message), Requests.requiredUuid(message.body(), "userId"))
        .map(cleared -> new JsonObject().put("cleared", cleared));
  }

  private Future<JsonObject> unlockAddress(Message<JsonObject> message) {
    return users.unlockAddress(Requests.caller(message), Requests.requiredString(message.body(), "address"))
        .map(cleared -> new JsonObject().put("cleared", cleared));
  }

  private Future<JsonObject> me(Message<JsonObject> message) {
    return users.me(Requests.caller(message)).map(UserJson::toJson);
  }

  private Future<JsonObject> get(Message<JsonObject> message) {
    return users.get(Requests.caller(message), Requests.requiredUuid(message.body(), "userId")).map(UserJson::toJson);
  }

  private Future<JsonObject> list(Message<JsonObject> message) {
    return users.list(Requests.caller(message)).map(all -> new JsonObject()
        .put("users", new JsonArray(all.stream().map(UserJson::listed).toList())));
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
