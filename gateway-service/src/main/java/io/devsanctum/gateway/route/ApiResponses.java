package io.devsanctum.gateway.route;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.devsanctum.common.contract.ContractJson;
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
    byte[] body;
    try {
      body = ContractJson.MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      ctx.fail(e);
      return;
    }
    ctx.response().putHeader("Content-Type", "application/json").end(Buffer.buffer(body));
  }
}
