package io.devsanctum.routing.controller;

import io.devsanctum.common.bus.BusFailure;
import io.devsanctum.common.bus.SharingLevel;
import io.devsanctum.routing.model.AppSpec;
import io.devsanctum.routing.model.RouteRegistration;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;

/** Decodes routing requests; a missing or malformed field is a VALIDATION failure naming it, never a 500. */
final class RouteRequests {

  private RouteRequests() {
  }

  static RouteRegistration registration(JsonObject body) {
    return new RouteRegistration(
        uuid(body, "workspaceId"),
        uuid(body, "ownerId"),
        body.getString("ownerName"),
        body.getString("workspaceName"),
        body.getString("dockerHostId"),
        required("sharing", () -> SharingLevel.fromWire(body.getString("sharing", "owner"))),
        required("apps", () -> body.getJsonArray("apps", new JsonArray())).stream().map(RouteRequests::app).toList());
  }

  static UUID uuid(JsonObject body, String name) {
    return required(name, () -> UUID.fromString(body.getString(name)));
  }

  /** Host names are case-insensitive; the table holds them lowercased. */
  static String host(JsonObject body) {
    return required("host", () -> body.getString("host").toLowerCase(Locale.ROOT));
  }

  static boolean bool(JsonObject body, String name) {
    return required(name, () -> body.getBoolean(name));
  }

  /** An optional boolean: absent is false, anything but a boolean is a VALIDATION failure. */
  static boolean optionalBool(JsonObject body, String name) {
    return body.getValue(name) == null ? false : bool(body, name);
  }

  private static AppSpec app(Object value) {
    JsonObject app = required("apps", () -> (JsonObject) value);
    return new AppSpec(
        app.getString("name"),
        required("apps.port", () -> app.getInteger("port")),
        app.getString("upstreamUrl"),
        required("apps.default", () -> app.getBoolean("default", false)),
        required("apps.healthPath", () -> app.getString("healthPath", "/")));
  }

  private static <T> T required(String name, Supplier<T> read) {
    T value;
    try {
      value = read.get();
    } catch (RuntimeException e) {
      value = null;
    }
    if (value == null) {
      throw BusFailure.invalid(name, "missing or malformed");
    }
    return value;
  }
}
