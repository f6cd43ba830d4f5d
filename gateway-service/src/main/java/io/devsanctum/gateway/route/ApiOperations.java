package io.devsanctum.gateway.route;

import io.devsanctum.gateway.client.ServiceClient;
import io.devsanctum.gateway.middleware.AuthenticationHandler;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.function.Function;

/**
 * The common shape of an API operation: build the service request from the validated HTTP
 * request, send it on behalf of the caller, answer with the service's reply and a status.
 */
final class ApiOperations {

  private final RouterBuilder api;
  private final ServiceClient services;

  ApiOperations(RouterBuilder api, ServiceClient services) {
    this.api = api;
    this.services = services;
  }

  ApiOperations(RouterBuilder api) {
    this(api, null);
  }

  /**
   * Binds the contract's operation to a typed service call: its result is the response body
   * (absent fields left out), with {@code status}; its failure goes to the problem handler.
   */
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

  /** Binds the contract's operation to its service address. */
  void operation(String operationId, String address, int status, Function<RoutingContext, JsonObject> request) {
    operation(operationId, address, status, request, Function.identity());
  }

  /** Same, with the service's reply completed by {@code reply} before it is sent. */
  void operation(String operationId, String address, int status, Function<RoutingContext, JsonObject> request,
      Function<Object, Object> reply) {
    api.getRoute(operationId).addHandler(to(services, address, request, status, reply));
  }

  static Handler<RoutingContext> to(ServiceClient services, String address,
      Function<RoutingContext, JsonObject> request, int status) {
    return to(services, address, request, status, Function.identity());
  }

  private static Handler<RoutingContext> to(ServiceClient services, String address,
      Function<RoutingContext, JsonObject> request, int status, Function<Object, Object> completion) {
    return ctx -> services.<Object>request(address, request.apply(ctx), AuthenticationHandler.caller(ctx),
            ctx.request().method())
        .map(completion)
        .onSuccess(reply -> {
          ctx.response().setStatusCode(status);
          if (status == 204) {
            ctx.response().end();
          } else {
            ctx.json(reply);
          }
        })
        .onFailure(ctx::fail);
  }

  /** The request carries the named path parameters (strings) and nothing else. */
  static Function<RoutingContext, JsonObject> path(String... names) {
    return ctx -> {
      JsonObject json = new JsonObject();
      for (String name : names) {
        json.put(name, ApiRequest.path(ctx, name));
      }
      return json;
    };
  }

  /** The request is the JSON body plus the named path parameters. */
  static Function<RoutingContext, JsonObject> bodyAndPath(String... names) {
    return ctx -> ApiRequest.body(ctx).copy().mergeIn(path(names).apply(ctx));
  }

  /** The request carries the named query parameters that are present. */
  static Function<RoutingContext, JsonObject> query(String... names) {
    return ctx -> {
      JsonObject json = new JsonObject();
      for (String name : names) {
        Object value = ApiRequest.query(ctx, name);
        if (value != null) {
          json.put(name, value);
        }
      }
      return json;
    };
  }
}
