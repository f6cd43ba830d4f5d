package io.devsanctum.auth.controller;

import io.devsanctum.auth.model.Caller;
import io.devsanctum.auth.model.Role;
import io.devsanctum.common.bus.ErrorCode;
import io.devsanctum.common.validation.TextRules;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * Reads what controllers need from a request; anything malformed is a VALIDATION "field: reason".
 * Every string read here is one line of text (logins, tokens, names, addresses): none has a use
 * for control characters, and PostgreSQL refuses NUL.
 */
final class Requests {

  /** Longer than any value the contract lets through; a bound for callers other than the gateway. */
  private static final int MAX_TEXT = 4096;

  private Requests() {
  }

  /** The caller the gateway put in the headers after verifying their token. */
  static Caller caller(Message<JsonObject> message) {
    io.devsanctum.common.bus.Caller verified = io.devsanctum.common.bus.Caller.from(message.headers());
    try {
      return new Caller(verified.userId(), Role.fromWire(verified.role()));
    } catch (IllegalArgumentException e) {
      throw ErrorCode.UNAUTHENTICATED.exception("the caller headers name an unknown role");
    }
  }

  static String requiredString(JsonObject body, String field) {
    Object value = body(body).getValue(field);
    if (!(value instanceof String text) || text.isBlank()) {
      throw ErrorCode.VALIDATION.exception(field + ": required");
    }
    return TextRules.singleLine(field, text, MAX_TEXT);
  }

  static String optionalString(JsonObject body, String field) {
    Object value = body(body).getValue(field);
    if (value != null && !(value instanceof String)) {
      throw ErrorCode.VALIDATION.exception(field + ": must be a string");
    }
    return TextRules.singleLine(field, (String) value, MAX_TEXT);
  }

  static UUID requiredUuid(JsonObject body, String field) {
    return uuid(field, requiredString(body, field));
  }

  static UUID optionalUuid(JsonObject body, String field) {
    String value = optionalString(body, field);
    return value == null ? null : uuid(field, value);
  }

  static Role requiredRole(JsonObject body, String field) {
    return role(field, requiredString(body, field));
  }

  static Role optionalRole(JsonObject body, String field, Role absent) {
    String value = optionalString(body, field);
    return value == null ? absent : role(field, value);
  }

  static Instant optionalInstant(JsonObject body, String field) {
    String value = optionalString(body, field);
    try {
      return value == null ? null : OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw ErrorCode.VALIDATION.exception(field + ": must be an ISO-8601 date-time with an offset");
    }
  }

  private static Role role(String field, String value) {
    try {
      return Role.fromWire(value);
    } catch (IllegalArgumentException e) {
      throw ErrorCode.VALIDATION.exception(field + ": must be one of " + Role.wireNames());
    }
  }

  private static UUID uuid(String field, String value) {
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw ErrorCode.VALIDATION.exception(field + ": must be a UUID");
    }
  }

  private static JsonObject body(JsonObject body) {
    return body == null ? new JsonObject() : body;
  }
}
