package io.devsanctum.auth.controller;

import io.devsanctum.auth.service.OAuthSignInService;
import io.devsanctum.auth.service.SessionService;
import io.devsanctum.auth.service.SigningKeyService;
import io.devsanctum.common.bus.AuthContract;
import io.devsanctum.common.bus.BusEndpoint;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Sign-in, refresh, sign-out, and the public keys that verify the access tokens they hand out. */
public class SessionController {

  private final SessionService sessions;
  private final SigningKeyService keys;
  private final OAuthSignInService providers;

  /** {@code providers}: where a sign-out sends the browser to end the provider's session too. */
  public SessionController(SessionService sessions, SigningKeyService keys, OAuthSignInService providers) {
    this.sessions = sessions;
    this.keys = keys;
    this.providers = providers;
  }

  public void register(Vertx vertx) {
    BusEndpoint.serve(vertx, AuthContract.SESSION_SIGN_IN, this::signIn);
    BusEndpoint.serve(vertx, AuthContract.SESSION_REFRESH, this::refresh);
    BusEndpoint.serve(vertx, AuthContract.SESSION_SIGN_OUT, this::signOut);
    BusEndpoint.serve(vertx, AuthContract.SESSION_VERIFY, this::verify);
    BusEndpoint.serve(vertx, AuthContract.KEYS_JWKS, this::jwks);
  }

  private Future<JsonObject> signIn(Message<JsonObject> message) {
    JsonObject body = message.body();
    return sessions.signIn(Requests.requiredString(body, "login"), Requests.requiredString(body, "password"),
            Requests.requiredString(body, "clientAddress"), Requests.optionalString(body, "deviceToken"))
        .map(SessionJson::toJson);
  }

  private Future<JsonObject> refresh(Message<JsonObject> message) {
    return sessions.refresh(Requests.requiredString(message.body(), "refreshToken"))
        .map(SessionJson::toJson);
  }

  private Future<JsonObject> signOut(Message<JsonObject> message) {
    String postSignOutUri = Requests.optionalString(message.body(), "postSignOutUri");
    return sessions.signOut(Requests.requiredString(message.body(), "refreshToken"))
        .map(ended -> ended.filter(session -> postSignOutUri != null)
            .flatMap(session -> providers.providerSignOutUrl(session, postSignOutUri))
            .map(url -> new JsonObject().put("providerSignOutUrl", url))
            .orElseGet(JsonObject::new));
  }

  private Future<JsonObject> verify(Message<JsonObject> message) {
    JsonObject body = message.body();
    return sessions.verify(Requests.requiredUuid(body, "userId"), Requests.requiredUuid(body, "sessionId"))
        .map(UserJson::identity);
  }

  private Future<JsonObject> jwks(Message<JsonObject> message) {
    return keys.jwks().map(jwks -> new JsonObject().put("keys", new JsonArray(jwks)));
  }
}
