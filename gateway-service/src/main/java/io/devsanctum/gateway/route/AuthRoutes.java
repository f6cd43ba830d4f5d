package io.devsanctum.gateway.route;

import io.devsanctum.common.bus.AuthContract;
import io.devsanctum.common.bus.ErrorCode;
import io.devsanctum.gateway.client.ServiceClient;
import io.devsanctum.gateway.security.SessionCookies;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/** Sign-in, refresh, sign-out and the public key set. Sessions are returned and set as cookies. */
public class AuthRoutes {

  private final ServiceClient services;

  public AuthRoutes(ServiceClient services) {
    this.services = services;
  }

  public void mount(RouterBuilder api) {
    api.getRoute("signIn").addHandler(this::signIn);
    api.getRoute("refreshSession").addHandler(this::refresh);
    api.getRoute("signOut").addHandler(this::signOut);
    api.getRoute("getJwks").addHandler(BusForward.to(services, AuthContract.KEYS_JWKS, ctx -> new JsonObject(), 200));
  }

  private void signIn(RoutingContext ctx) {
    JsonObject body = ApiRequest.body(ctx);
    JsonObject request = new JsonObject()
        .put("login", body.getString("login"))
        .put("password", body.getString("password"))
        .put("clientAddress", clientAddress(ctx));
    services.<JsonObject>request(AuthContract.SESSION_SIGN_IN, request)
        .onSuccess(session -> respondWithSession(ctx, session))
        .onFailure(ctx::fail);
  }

  private void refresh(RoutingContext ctx) {
    String token = refreshToken(ctx);
    if (token.isEmpty()) {
      ctx.fail(ErrorCode.UNAUTHENTICATED.exception("no session to refresh: sign in"));
      return;
    }
    services.<JsonObject>request(AuthContract.SESSION_REFRESH, new JsonObject().put("refreshToken", token))
        .onSuccess(session -> respondWithSession(ctx, session))
        .onFailure(failure -> {
          // a refresh that lost a race with another tab of the same browser must not clear the
          // cookies that tab has just received
          if (ErrorCode.of(failure) != ErrorCode.CONFLICT) {
            SessionCookies.clear(ctx);
          }
          ctx.fail(failure);
        });
  }

  private void signOut(RoutingContext ctx) {
    String token = refreshToken(ctx);
    SessionCookies.clear(ctx);
    if (token.isEmpty()) {
      ctx.response().setStatusCode(204).end();
      return;
    }
    services.request(AuthContract.SESSION_SIGN_OUT, new JsonObject().put("refreshToken", token))
        .onSuccess(v -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  /** The body's token (API clients) or the cookie's (the dashboard). */
  private static String refreshToken(RoutingContext ctx) {
    String fromBody = ApiRequest.body(ctx).getString("refreshToken");
    String fromCookie = SessionCookies.value(ctx, SessionCookies.REFRESH);
    return fromBody != null ? fromBody : fromCookie == null ? "" : fromCookie;
  }

  static void respondWithSession(RoutingContext ctx, JsonObject session) {
    SessionCookies.set(ctx, session);
    ctx.json(session);
  }

  /** The address rate limits count per: the TCP peer (a proxy in front should be trusted explicitly). */
  static String clientAddress(RoutingContext ctx) {
    return ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
  }
}
