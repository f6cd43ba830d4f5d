package io.devsanctum.gateway.route;

import io.devsanctum.common.bus.ErrorCode;
import io.devsanctum.common.config.HttpConfig;
import io.devsanctum.common.contract.auth.AuthContract;
import io.devsanctum.common.contract.auth.Session;
import io.devsanctum.gateway.middleware.AuthenticationHandler;
import io.devsanctum.gateway.security.Authenticated;
import io.devsanctum.gateway.security.BrowserOrigin;
import io.devsanctum.gateway.security.CredentialChecks;
import io.devsanctum.gateway.security.SessionCookies;
import io.devsanctum.gateway.security.TrustedProxies;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/**
 * Sign-in, refresh, sign-out, changing one's password, and the public key set. Sessions are
 * returned and set as cookies. Refresh and sign-out by cookie are honoured only from this server's
 * own pages: a page on a workspace host is same-site with the dashboard, so SameSite alone would let
 * it spend or end a visitor's sign-in.
 */
public class AuthRoutes {

  private final AuthContract auth;
  private final TrustedProxies proxies;
  private final CredentialChecks checks;
  private final HttpConfig http;

  public AuthRoutes(AuthContract auth, TrustedProxies proxies, CredentialChecks checks, HttpConfig http) {
    this.auth = auth;
    this.proxies = proxies;
    this.checks = checks;
    this.http = http;
  }

  public void mount(RouterBuilder api) {
    api.getRoute("signIn").addHandler(this::signIn);
    api.getRoute("refreshSession").addHandler(this::refresh);
    api.getRoute("signOut").addHandler(this::signOut);
    api.getRoute("changeOwnPassword").addHandler(this::changeOwnPassword);
    new ApiOperations(api).answer("getJwks", 200, ctx -> auth.jwks());
  }

  private void signIn(RoutingContext ctx) {
    JsonObject body = ApiRequest.body(ctx);
    auth.signIn(body.getString("login"), body.getString("password"), proxies.clientAddress(ctx.request()),
            SessionCookies.value(ctx, SessionCookies.DEVICE))
        .onSuccess(session -> respondWithSession(ctx, session))
        .onFailure(ctx::fail);
  }

  private void refresh(RoutingContext ctx) {
    String token = refreshToken(ctx);
    if (token == null) {
      return;
    }
    if (token.isEmpty()) {
      ctx.fail(ErrorCode.UNAUTHENTICATED.exception("no session to refresh: sign in"));
      return;
    }
    auth.refresh(token)
        .onSuccess(session -> respondWithSession(ctx, session))
        .onFailure(failure -> {
          // a refresh that lost a race with another tab of the same browser must not clear the
          // cookies that tab has just received
          if (ErrorCode.of(failure) != ErrorCode.CONFLICT) {
            SessionCookies.clear(ctx, proxies.isHttps(ctx.request()));
          }
          ctx.fail(failure);
        });
  }

  private void signOut(RoutingContext ctx) {
    String token = refreshToken(ctx);
    if (token == null) {
      return;
    }
    SessionCookies.clear(ctx, proxies.isHttps(ctx.request()));
    if (token.isEmpty()) {
      ctx.response().setStatusCode(204).end();
      return;
    }
    // a provider that ends its own session too sends the browser back to the sign-in page
    auth.signOut(token, ApiRequest.dashboardUrl(ctx, http) + "/sign-in")
        .onSuccess(ended -> {
          if (ended.providerSignOutUrl() == null) {
            ctx.response().setStatusCode(204).end();
          } else {
            ApiResponses.send(ctx, 200, ended);
          }
        })
        .onFailure(ctx::fail);
  }

  /** The caller's other sign-ins end; the one of this request goes on, with the change already seen here. */
  private void changeOwnPassword(RoutingContext ctx) {
    Authenticated authenticated = AuthenticationHandler.authenticated(ctx);
    JsonObject body = ApiRequest.body(ctx);
    auth.changeOwnPassword(authenticated.caller(), authenticated.sessionId(), body.getString("currentPassword"),
            body.getString("newPassword"), proxies.clientAddress(ctx.request()))
        .onSuccess(user -> {
          // the announcement reaches this gateway's cache too, but the caller's next request may come first
          checks.forget(authenticated.caller().userId());
          ApiResponses.send(ctx, 200, user);
        })
        .onFailure(ctx::fail);
  }

  /**
   * The body's token (API clients), or the cookie's (the dashboard, then only from its own pages);
   * "" when there is none; null when the request was refused (and has been answered).
   */
  private static String refreshToken(RoutingContext ctx) {
    String fromBody = ApiRequest.body(ctx).getString("refreshToken");
    if (fromBody != null) {
      return fromBody;
    }
    String fromCookie = SessionCookies.value(ctx, SessionCookies.REFRESH);
    if (fromCookie != null && !BrowserOrigin.isSameOrigin(ctx.request())) {
      ctx.fail(ErrorCode.FORBIDDEN.exception("the session cookie is honoured only from this server's own pages"));
      return null;
    }
    return fromCookie == null ? "" : fromCookie;
  }

  private void respondWithSession(RoutingContext ctx, Session session) {
    ApiResponses.send(ctx, 200, SessionCookies.set(ctx, session, proxies.isHttps(ctx.request())));
  }
}
