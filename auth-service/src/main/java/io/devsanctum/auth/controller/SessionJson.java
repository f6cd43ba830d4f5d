package io.devsanctum.auth.controller;

import io.devsanctum.auth.model.Session;
import io.vertx.core.json.JsonObject;

/** The wire form of a session, the same whichever way the user signed in. */
final class SessionJson {

  private SessionJson() {
  }

  static JsonObject toJson(Session session) {
    return new JsonObject()
        .put("user", UserJson.toJson(session.user()))
        .put("accessToken", session.accessToken())
        .put("accessTokenExpiresAt", session.accessTokenExpiresAt().toString())
        .put("refreshToken", session.refreshToken())
        .put("refreshTokenExpiresAt", session.refreshTokenExpiresAt().toString())
        .put("deviceToken", session.deviceToken());
  }
}
