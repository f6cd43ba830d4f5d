package io.devsanctum.gateway.route;

import io.devsanctum.common.bus.BusFailure;
import io.devsanctum.common.config.HttpConfig;
import io.devsanctum.common.contract.ContractJson;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/** Reads the parts of a request that the contract has already validated. */
final class ApiRequest {

  private ApiRequest() {
  }

  static ValidatedRequest validated(RoutingContext ctx) {
    return ctx.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
  }

  /** The JSON body, or an empty object when the operation's body is optional and absent. */
  static JsonObject body(RoutingContext ctx) {
    RequestParameter body = validated(ctx).getBody();
    return body == null || body.isNull() ? new JsonObject() : body.getJsonObject();
  }

  /** A path parameter as the contract validated it (never re-parsed from the raw path). */
  static String path(RoutingContext ctx, String name) {
    return String.valueOf(validated(ctx).getPathParameters().get(name).get());
  }

  /** A UUID path parameter; VALIDATION naming it when it is not one. */
  static UUID pathUuid(RoutingContext ctx, String name) {
    return uuid(name, path(ctx, name));
  }

  /** A UUID query parameter, or null when absent; VALIDATION naming it when it is not one. */
  static UUID queryUuid(RoutingContext ctx, String name) {
    Object value = query(ctx, name);
    return value == null ? null : uuid(name, value.toString());
  }

  /** The JSON body (an empty object when absent) as a contract value; VALIDATION saying why it cannot be. */
  static <T> T body(RoutingContext ctx, Class<T> type) {
    try {
      return ContractJson.fromJson(body(ctx), type);
    } catch (IllegalArgumentException malformed) {
      throw BusFailure.invalid("body", "malformed (" + malformed.getMessage().lines().findFirst().orElse("") + ")");
    }
  }

  /** An ISO-8601 date-time with an offset; VALIDATION naming it when it is not one. */
  static OffsetDateTime dateTime(String name, String value) {
    try {
      return OffsetDateTime.parse(value);
    } catch (DateTimeParseException notOne) {
      throw BusFailure.invalid(name, "must be an ISO-8601 date-time with an offset");
    }
  }

  private static UUID uuid(String name, String value) {
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException notOne) {
      throw BusFailure.invalid(name, "must be a UUID");
    }
  }

  /** An integer path parameter; the contract bounds it to what an int holds. */
  static int pathInteger(RoutingContext ctx, String name) {
    return ((Number) validated(ctx).getPathParameters().get(name).get()).intValue();
  }

  /** A query parameter as the contract typed it (string, number or boolean), or null. */
  static Object query(RoutingContext ctx, String name) {
    RequestParameter value = validated(ctx).getQuery().get(name);
    return value == null || value.isNull() ? null : value.get();
  }

  /** The dashboard's URL as users reach it: the configured public URL, else this request's own origin. */
  static String dashboardUrl(RoutingContext ctx, HttpConfig http) {
    return http.publicUrl() != null ? http.publicUrl() : ctx.request().scheme() + "://" + ctx.request().authority();
  }
}
