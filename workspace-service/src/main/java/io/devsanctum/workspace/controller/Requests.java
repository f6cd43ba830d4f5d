package io.devsanctum.workspace.controller;

import io.devsanctum.common.bus.ErrorCode;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** Reads ids from request bodies, failing VALIDATION (not INTERNAL) on malformed ones. */
final class Requests {

  private Requests() {
  }

  static UUID uuid(JsonObject body, String field) {
    String value = body.getString(field);
    if (value == null) {
      throw ErrorCode.VALIDATION.exception(field + ": is required");
    }
    return optionalUuid(body, field);
  }

  static UUID optionalUuid(JsonObject body, String field) {
    String value = body.getString(field);
    try {
      return value == null ? null : UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw ErrorCode.VALIDATION.exception(field + ": must be a UUID");
    }
  }
}
