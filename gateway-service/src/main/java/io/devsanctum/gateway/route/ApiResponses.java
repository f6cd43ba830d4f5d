package io.devsanctum.gateway.route;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.devsanctum.common.contract.ContractJson;
import io.devsanctum.gateway.middleware.ConditionalGet;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/** API responses from the typed values services answer with, bound as the event bus binds them. */
final class ApiResponses {

  private ApiResponses() {
  }

  /** {@code value} as the JSON body with {@code status}; 204 has no body. */
  static void send(RoutingContext ctx, int status, Object value) {
    ctx.response().setStatusCode(status);
    if (status == 204) {
      ctx.response().end();
      return;
    }
    Buffer body = encoded(ctx, value);
    if (body != null) {
      ctx.response().putHeader("Content-Type", "application/json").end(body);
    }
  }

  /** {@code value} as the JSON body with its ETag, or 304 when the request names that ETag ({@link ConditionalGet}). */
  static void sendConditionally(RoutingContext ctx, Object value) {
    Buffer body = encoded(ctx, value);
    if (body != null) {
      ConditionalGet.answer(ctx, body);
    }
  }

  /** The value's JSON; null when it has none, the request then failed. */
  private static Buffer encoded(RoutingContext ctx, Object value) {
    try {
      return Buffer.buffer(ContractJson.MAPPER.writeValueAsBytes(value));
    } catch (JsonProcessingException e) {
      ctx.fail(e);
      return null;
    }
  }
}
