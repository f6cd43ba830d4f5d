package io.devsanctum.gateway.middleware;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.bus.ErrorCode;
import io.devsanctum.gateway.route.ApiContract;
import io.devsanctum.gateway.security.AccessTokenVerifier;
import io.devsanctum.gateway.security.Authenticated;
import io.devsanctum.gateway.security.BearerCredentials;
import io.devsanctum.gateway.security.SessionCookies;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.contract.Operation;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Decides who is calling, before the request is validated: a Bearer access token (verified
 * locally), a Bearer API token ({@code dst_…}, checked by the auth-service), or the dashboard's
 * session cookie (then unsafe methods must carry the CSRF token). The operation's contract says
 * whether a caller is required ({@code security}) and whether it must be an admin
 * ({@code x-devsanctum-role: admin}); missing or bad credentials answer 401, a role failure 403.
 * Operations marked {@code x-devsanctum-anonymous: redirect-to-sign-in} get no caller instead of a
 * 401, and redirect to the sign-in page themselves.
 */
public class AuthenticationHandler implements Handler<RoutingContext> {

  private static final String AUTHENTICATED = "authenticated";
  private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

  private final ApiContract contract;
  private final AccessTokenVerifier tokens;
  private final BearerCredentials bearer;

  public AuthenticationHandler(ApiContract contract, AccessTokenVerifier tokens, BearerCredentials bearer) {
    this.contract = contract;
    this.tokens = tokens;
    this.bearer = bearer;
  }

  /** The authenticated caller of this request (null on public operations called anonymously). */
  public static Caller caller(RoutingContext ctx) {
    Authenticated authenticated = ctx.get(AUTHENTICATED);
    return authenticated == null ? null : authenticated.caller();
  }

  /** The caller with the dashboard sign-in their credentials belong to (null as for {@link #caller}). */
  public static Authenticated authenticated(RoutingContext ctx) {
    return ctx.get(AUTHENTICATED);
  }

  @Override
  public void handle(RoutingContext ctx) {
    Operation operation = contract.routing().findOperation(ctx.normalizedPath(), ctx.request().method());
    if (operation == null) {
      ctx.next(); // the router answers 404/405
      return;
    }
    boolean required = contract.requiresCaller(operation) && !contract.redirectsAnonymous(operation);
    authenticate(ctx).onComplete(result -> {
      if (result.failed()) {
        if (required) {
          ctx.fail(result.cause());
        } else {
          ctx.next(); // public operations ignore stale credentials (e.g. signing in again)
        }
        return;
      }
      Authenticated authenticated = result.result();
      Caller caller = authenticated == null ? null : authenticated.caller();
      if (caller == null && required) {
        ctx.fail(ErrorCode.UNAUTHENTICATED.exception("sign in, or send an access token or API token as Bearer"));
        return;
      }
      if (caller != null && Caller.ADMIN.equals(contract.requiredRole(operation)) && !caller.isAdmin()) {
        ctx.fail(ErrorCode.FORBIDDEN.exception("this operation is for admins"));
        return;
      }
      ctx.put(AUTHENTICATED, authenticated);
      ctx.next();
    });
  }

  /** Who the credentials name, null when none were sent, or a failure when they are not valid. */
  public Future<Authenticated> authenticate(RoutingContext ctx) {
    String authorization = ctx.request().getHeader("Authorization");
    if (authorization != null) {
      return bearer.verify(authorization);
    }
    String cookie = SessionCookies.value(ctx, SessionCookies.ACCESS);
    if (cookie == null) {
      return Future.succeededFuture(null);
    }
    if (!SAFE.contains(ctx.request().method()) && !csrfTokenMatches(ctx)) {
      return Future.failedFuture(ErrorCode.FORBIDDEN.exception(
          "missing or wrong " + SessionCookies.CSRF_HEADER + " header for a cookie-authenticated request"));
    }
    return tokens.verify(cookie);
  }

  private static boolean csrfTokenMatches(RoutingContext ctx) {
    String expected = SessionCookies.value(ctx, SessionCookies.CSRF);
    String sent = ctx.request().getHeader(SessionCookies.CSRF_HEADER);
    return expected != null && sent != null
        && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
  }
}
