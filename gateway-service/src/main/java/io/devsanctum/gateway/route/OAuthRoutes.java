package io.devsanctum.gateway.route;

import io.devsanctum.common.bus.BusFailure;
import io.devsanctum.common.bus.ErrorCode;
import io.devsanctum.common.config.HttpConfig;
import io.devsanctum.common.contract.auth.AuthContract;
import io.devsanctum.gateway.security.SessionCookies;
import io.devsanctum.gateway.security.TrustedProxies;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The browser side of OAuth2 and OpenID Connect sign-in: start redirects to the provider (the
 * auth-service keeps state, PKCE verifier and nonce), the provider redirects back to the
 * callback, which signs in, sets the session cookies and returns to where the user was going.
 * Start also gives the browser the sign-in's browser binding in a cookie sent only to that
 * provider's callback; the auth-service completes the sign-in only with it, so a callback link
 * carried to another browser (login CSRF) does not sign that browser in. Failures land on the
 * sign-in page with a readable message rather than a JSON problem, since a person follows these
 * redirects (a provider that cannot be reached too).
 */
public class OAuthRoutes {

  /** Where to go after sign-in, kept across the round trip to the provider. */
  static final String RETURN_COOKIE = "ds_oauth_return";
  /** The browser binding of the sign-in this browser began. */
  static final String BROWSER_COOKIE = "ds_oauth_browser";
  private static final String OAUTH_PATH = "/api/v1/auth/oauth";
  private static final String CALLBACK_PATH = OAUTH_PATH + "/%s/callback";
  /** As long as the auth-service keeps a begun sign-in. */
  private static final long SIGN_IN_SECONDS = 600;

  private final AuthContract auth;
  private final HttpConfig http;
  private final TrustedProxies proxies;

  public OAuthRoutes(AuthContract auth, HttpConfig http, TrustedProxies proxies) {
    this.auth = auth;
    this.http = http;
    this.proxies = proxies;
  }

  public void mount(RouterBuilder api) {
    new ApiOperations(api).answer("listOAuthProviders", 200, ctx -> auth.signInProviders()
        .map(providers -> Map.of("providers", providers)));
    api.getRoute("startOAuthSignIn").addHandler(this::start);
    api.getRoute("completeOAuthSignIn").addHandler(this::complete);
  }

  private void start(RoutingContext ctx) {
    String provider = ApiRequest.path(ctx, "provider");
    Object returnTo = ApiRequest.query(ctx, "returnTo");
    String callbackPath = CALLBACK_PATH.formatted(provider);
    auth.beginOAuth(provider, ApiRequest.dashboardUrl(ctx, http) + callbackPath)
        .onSuccess(begun -> {
          // URL-encoded: a path may hold characters no cookie value may (a space, ';', ',')
          String target = URLEncoder.encode(localPath(returnTo == null ? null : returnTo.toString()), StandardCharsets.UTF_8);
          ctx.response().addCookie(cookie(ctx, RETURN_COOKIE, target, OAUTH_PATH, SIGN_IN_SECONDS));
          ctx.response().addCookie(cookie(ctx, BROWSER_COOKIE, begun.browserBinding(), callbackPath, SIGN_IN_SECONDS));
          ctx.redirect(begun.authorizeUrl());
        })
        .onFailure(failure -> {
          if (providerUnreachable(failure)) {
            toSignIn(ctx, failure.getMessage());
          } else {
            ctx.fail(failure);
          }
        });
  }

  /** The auth-service answered that the provider does not: the person is told on the sign-in page. */
  private static boolean providerUnreachable(Throwable failure) {
    return failure instanceof BusFailure refused && refused.errorCode() == ErrorCode.UNAVAILABLE;
  }

  private void complete(RoutingContext ctx) {
    String provider = ApiRequest.path(ctx, "provider");
    String browserBinding = SessionCookies.value(ctx, BROWSER_COOKIE);
    Object error = ApiRequest.query(ctx, "error");
    Object code = ApiRequest.query(ctx, "code");
    Object state = ApiRequest.query(ctx, "state");
    if (error != null || code == null || state == null) {
      toSignIn(ctx, error != null ? "the provider did not sign you in (" + error + ")" : "the sign-in was incomplete");
      return;
    }
    Object issuer = ApiRequest.query(ctx, "iss");
    auth.completeOAuth(provider, state.toString(), code.toString(), issuer == null ? null : issuer.toString(),
            browserBinding, proxies.clientAddress(ctx.request()))
        .onSuccess(session -> {
          SessionCookies.set(ctx, session, proxies.isHttps(ctx.request()));
          Cookie returnTo = ctx.request().getCookie(RETURN_COOKIE);
          ctx.response().addCookie(cookie(ctx, RETURN_COOKIE, "", OAUTH_PATH, 0));
          // kept after a refusal: a tampered callback leaves the genuine one, and its sign-in, standing
          ctx.response().addCookie(cookie(ctx, BROWSER_COOKIE, "", CALLBACK_PATH.formatted(provider), 0));
          ctx.redirect(localPath(returnTo == null ? null : decoded(returnTo.getValue())));
        })
        .onFailure(failure -> toSignIn(ctx, failure.getMessage()));
  }

  /** HttpOnly and SameSite=Lax (sent on the provider's top-level redirect back), Secure over https. */
  private Cookie cookie(RoutingContext ctx, String name, String value, String path, long maxAgeSeconds) {
    return Cookie.cookie(name, value).setPath(path).setMaxAge(maxAgeSeconds).setHttpOnly(true)
        .setSecure(proxies.isHttps(ctx.request())).setSameSite(CookieSameSite.LAX);
  }

  private static void toSignIn(RoutingContext ctx, String message) {
    ctx.redirect("/sign-in?error=" + URLEncoder.encode(message, StandardCharsets.UTF_8));
  }

  /**
   * Only paths on this server: "//host" and absolute URLs would make an open redirect, and a
   * control character (a line break) has no place in a Location header.
   */
  static String localPath(String candidate) {
    return candidate != null && candidate.startsWith("/") && !candidate.startsWith("//") && !candidate.contains("\\")
        && candidate.chars().noneMatch(Character::isISOControl) ? candidate : "/";
  }

  /** The cookie's path; one that was not encoded here (a forged cookie) is no path. */
  private static String decoded(String cookieValue) {
    try {
      return URLDecoder.decode(cookieValue, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return null;
    }
  }
}
