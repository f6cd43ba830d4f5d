package io.devsanctum.auth.controller;

import io.devsanctum.auth.service.OAuthSignInService;
import io.devsanctum.common.bus.AuthContract;
import io.devsanctum.common.bus.BusEndpoint;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** OAuth2 and OpenID Connect sign-in over the event bus: the providers on offer, and the two legs of a sign-in. */
public class OAuthController {

  private final OAuthSignInService signIn;

  public OAuthController(OAuthSignInService signIn) {
    this.signIn = signIn;
  }

  public void register(Vertx vertx) {
    BusEndpoint.serve(vertx, AuthContract.OAUTH_PROVIDERS, this::providers);
    BusEndpoint.serve(vertx, AuthContract.OAUTH_BEGIN, this::begin);
    BusEndpoint.serve(vertx, AuthContract.OAUTH_COMPLETE, this::complete);
  }

  private Future<JsonObject> providers(Message<JsonObject> message) {
    return signIn.offered().map(offered -> new JsonObject().put("providers", new JsonArray(offered.stream()
        .map(provider -> {
          JsonObject json = new JsonObject().put("id", provider.id()).put("name", provider.name())
              .put("available", provider.available());
          return provider.iconUrl() == null ? json : json.put("iconUrl", provider.iconUrl());
        })
        .toList())));
  }

  private Future<JsonObject> begin(Message<JsonObject> message) {
    JsonObject body = message.body();
    return signIn.begin(Requests.requiredString(body, "provider"), Requests.requiredString(body, "redirectUri"))
        .map(start -> new JsonObject().put("authorizeUrl", start.authorizeUrl()).put("state", start.state()));
  }

  private Future<JsonObject> complete(Message<JsonObject> message) {
    JsonObject body = message.body();
    return signIn.complete(Requests.requiredString(body, "provider"), Requests.requiredString(body, "state"),
            Requests.requiredString(body, "code"), Requests.optionalString(body, "issuer"),
            Requests.requiredString(body, "clientAddress"))
        .map(SessionJson::toJson);
  }
}
