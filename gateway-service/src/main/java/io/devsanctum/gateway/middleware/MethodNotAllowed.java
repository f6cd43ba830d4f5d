package io.devsanctum.gateway.middleware;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The router's 405: a problem that says which methods the path does take, in {@code Allow}
 * (RFC 9110 §15.5.6): what the contract declares there; a path outside the contract is served
 * read-only.
 */
public class MethodNotAllowed implements Handler<RoutingContext> {

  private static final Set<HttpMethod> READ_ONLY = Set.of(HttpMethod.GET, HttpMethod.HEAD);

  private final Function<String, Set<HttpMethod>> apiMethods;

  public MethodNotAllowed(Function<String, Set<HttpMethod>> apiMethods) {
    this.apiMethods = apiMethods;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Set<HttpMethod> allowed = apiMethods.apply(ctx.request().path());
    String allow = (allowed.isEmpty() ? READ_ONLY : allowed).stream().map(HttpMethod::name).sorted()
        .collect(Collectors.joining(", "));
    Problem problem = ProblemHandler.forStatus(405, ctx.request().method().name() + " is not served at this path;"
        + " it takes " + allow);
    ProblemHandler.logRefusal(ctx.request().method().name(), ctx.request().path(), problem);
    ctx.response().putHeader("Allow", allow);
    problem.send(ctx);
  }
}
