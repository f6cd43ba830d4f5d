package io.devsanctum.auth.controller;

import io.devsanctum.auth.model.NewUser;
import io.devsanctum.auth.model.SignInLockout;
import io.devsanctum.auth.model.User;
import io.devsanctum.auth.model.UserListing;
import io.vertx.core.json.JsonArray;

import io.vertx.core.json.JsonObject;

/** Wire forms of users; the password hash is never part of them. */
final class UserJson {

  private UserJson() {
  }

  static JsonObject toJson(User user) {
    return new JsonObject()
        .put("id", user.id().toString())
        .put("email", user.email())
        .put("username", user.username())
        .put("displayName", user.displayName())
        .put("role", user.role().wireName())
        .put("status", user.status().wireName())
        .put("passwordChangeRequired", user.passwordMustChange())
        .put("createdAt", user.createdAt().toString());
  }

  /** A user in the admins' list: with how they sign in. */
  static JsonObject listed(UserListing listing) {
    return toJson(listing.user()).put("signInMethods", new JsonArray(listing.signInMethods().stream()
        .map(method -> method.provider() == null
            ? new JsonObject().put("name", method.name())
            : new JsonObject().put("provider", method.provider()).put("name", method.name()))
        .toList()));
  }

  /**
   * The identity other services act on: {@code {userId, role, username, passwordChangeRequired}}
   * (read by common's Caller.fromIdentity).
   */
  static JsonObject identity(User user) {
    return new JsonObject().put("userId", user.id().toString()).put("role", user.role().wireName())
        .put("username", user.username()).put("passwordChangeRequired", user.passwordMustChange());
  }

  static JsonObject lockout(SignInLockout lockout) {
    JsonObject json = new JsonObject().put("scope", lockout.scope().wireName())
        .put("failures", lockout.failures()).put("lockedUntil", lockout.lockedUntil().toString());
    if (lockout.userId() != null) {
      json.put("userId", lockout.userId().toString()).put("username", lockout.username());
    }
    if (lockout.login() != null) {
      json.put("login", lockout.login());
    }
    if (lockout.address() != null) {
      json.put("address", lockout.address());
    }
    return json;
  }

  static NewUser newUser(JsonObject json) {
    return new NewUser(
        Requests.optionalString(json, "email"),
        Requests.optionalString(json, "username"),
        Requests.optionalString(json, "displayName"),
        Requests.optionalString(json, "password"));
  }
}
