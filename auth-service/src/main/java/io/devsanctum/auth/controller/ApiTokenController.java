package io.devsanctum.auth.controller;

import io.devsanctum.auth.model.ApiToken;
import io.devsanctum.auth.model.IssuedApiToken;
import io.devsanctum.auth.service.ApiTokenService;
import io.devsanctum.common.bus.AuthContract;
import io.devsanctum.common.bus.BusEndpoint;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;

/** API tokens over the event bus; a token's value appears only in the reply that creates it. */
public class ApiTokenController {

  private final ApiTokenService tokens;

  public ApiTokenController(ApiTokenService tokens) {
    this.tokens = tokens;
  }

  public void register(Vertx vertx) {
    BusEndpoint.serve(vertx, AuthContract.API_TOKENS_CREATE, this::create);
    BusEndpoint.serve(vertx, AuthContract.API_TOKENS_LIST, this::list);
    BusEndpoint.serve(vertx, AuthContract.API_TOKENS_REVOKE, this::revoke);
    BusEndpoint.serve(vertx, AuthContract.API_TOKENS_AUTHENTICATE, this::authenticate);
  }

  private Future<JsonObject> create(Message<JsonObject> message) {
    return tokens.create(Requests.caller(message), Requests.requiredString(message.body(), "name"),
            Requests.optionalInstant(message.body(), "expiresAt"))
        .map(ApiTokenController::toJson);
  }

  private Future<JsonObject> list(Message<JsonObject> message) {
    return tokens.list(Requests.caller(message), Requests.optionalUuid(message.body(), "userId"))
        .map(all -> new JsonObject()
            .put("tokens", new JsonArray(all.stream().map(ApiTokenController::toJson).toList())));
  }

  private Future<JsonObject> revoke(Message<JsonObject> message) {
    return tokens.revoke(Requests.caller(message), Requests.requiredUuid(message.body(), "tokenId"))
        .map(done -> new JsonObject());
  }

  private Future<JsonObject> authenticate(Message<JsonObject> message) {
    return tokens.authenticate(Requests.requiredString(message.body(), "token"))
        .map(UserJson::identity);
  }

  private static JsonObject toJson(IssuedApiToken issued) {
    return toJson(issued.token()).put("token", issued.value());
  }

  private static JsonObject toJson(ApiToken token) {
    return new JsonObject()
        .put("id", token.id().toString())
        .put("name", token.name())
        .put("createdAt", text(token.createdAt()))
        .put("lastUsedAt", text(token.lastUsedAt()))
        .put("expiresAt", text(token.expiresAt()));
  }

  private static String text(OffsetDateTime time) {
    return time == null ? null : time.toString();
  }
}
