package io.devsanctum.gateway.route;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.function.Function;

/**
 * The common shape of an API operation: a typed service call made from the validated HTTP
 * request, its result the response body with the operation's status, its failure a problem.
 */
final class ApiOperations {

  private final RouterBuilder api;

  ApiOperations(RouterBuilder api) {
    this.api = api;
  }

  /** Binds the contract's operation to {@code call}; its result is the body (absent fields left out). */
  void answer(String operationId, int status, Function<RoutingContext, Future<?>> call) {
    api.getRoute(operationId).addHandler(ctx -> {
      Future<?> result;
      try {
        result = call.apply(ctx);
      } catch (RuntimeException refused) {
        result = Future.failedFuture(refused);
      }
      result.onSuccess(value -> ApiResponses.send(ctx, status, value)).onFailure(ctx::fail);
    });
  }
}
