package io.devsanctum.workspace.controller;

import io.devsanctum.common.bus.BusFailure;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** Reads ids from request bodies, failing VALIDATION (not INTERNAL) on malformed ones. */
final class Requests {

  private Requests() {
  }

  /** A string field, or null when absent; VALIDATION when it is something else. */
  static String string(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value != null && !(value instanceof String)) {
      throw BusFailure.invalid(field, "must be a string");
    }
    return (String) value;
  }

  /** An object field, or null when absent; VALIDATION when it is something else. */
  static JsonObject object(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value != null && !(value instanceof JsonObject)) {
      throw BusFailure.invalid(field, "must be an object");
    }
    return (JsonObject) value;
  }

  static UUID uuid(JsonObject body, String field) {
    if (body.getValue(field) == null) {
      throw BusFailure.invalid(field, "is required");
    }
    return optionalUuid(body, field);
  }

  static UUID optionalUuid(JsonObject body, String field) {
    String value = string(body, field);
    try {
      return value == null ? null : UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw BusFailure.invalid(field, "must be a UUID");
    }
  }
}
