package io.devsanctum.gateway.middleware;

import io.devsanctum.common.authz.AccessPolicy;
import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.bus.ErrorCode;
import io.devsanctum.gateway.openapi.ApiContract;
import io.devsanctum.gateway.security.Authenticated;
import io.devsanctum.gateway.security.BrowserOrigin;
import io.devsanctum.gateway.security.Credentials;
import io.devsanctum.gateway.security.SessionCookies;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.contract.Operation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;

/**
 * Decides who is calling, before the request is validated: a Bearer access token or API token, or
 * the dashboard's session cookie (then unsafe methods must come from this server's own pages and
 * carry the CSRF token). Every credential is checked against its sign-in as it is now
 * ({@link Credentials}), so one that has ended is refused and the role is the current one. The
 * operation's contract says whether a caller is required ({@code security}), the permission it
 * needs ({@code x-devsanctum-permission}, decided by common's AccessPolicy from the caller's role and
 * the credential's scopes), and whether it stays open to a caller who must change
 * their password first ({@code x-devsanctum-password-change: allowed}); missing or bad credentials
 * answer 401, a role failure 403. Operations marked {@code x-devsanctum-anonymous: redirect-to-sign-in}
 * get no caller instead of a 401, and redirect to the sign-in page themselves.
 */
public class AuthenticationHandler implements Handler<RoutingContext> {

  private static final String AUTHENTICATED = "authenticated";
  private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

  private final ApiContract contract;
  private final Credentials credentials;

  public AuthenticationHandler(ApiContract contract, Credentials credentials) {
    this.contract = contract;
    this.credentials = credentials;
  }

  /** The authenticated caller of this request (null on public operations called anonymously). */
  public static Caller caller(RoutingContext ctx) {
    Authenticated authenticated = ctx.get(AUTHENTICATED);
    return authenticated == null ? null : authenticated.caller();
  }

  /** The caller with the credential they came with (null as for {@link #caller}). */
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
        // public operations ignore stale credentials (e.g. signing in again), unless the check itself is impossible
        if (required || ErrorCode.of(result.cause()) == ErrorCode.UNAVAILABLE) {
          ctx.fail(result.cause());
        } else {
          ctx.next();
        }
        return;
      }
      Authenticated authenticated = result.result();
      Caller caller = authenticated == null ? null : authenticated.caller();
      if (caller == null && required) {
        ctx.fail(ErrorCode.UNAUTHENTICATED.exception("sign in, or send an access token or API token as Bearer"));
        return;
      }
      // known before any refusal below, so that the refusal is recorded under who was refused
      ctx.put(AUTHENTICATED, authenticated);
      if (authenticated != null && authenticated.passwordChangeRequired() && contract.requiresCaller(operation)
          && !contract.allowedDuringPasswordChange(operation)) {
        ctx.fail(ErrorCode.PASSWORD_CHANGE_REQUIRED.exception(
            "your password was reset by an admin: choose a new one before doing anything else"));
        return;
      }
      if (caller != null) {
        Optional<String> refusal = permissionRefusal(ctx, caller);
        if (refusal.isPresent()) {
          ctx.fail(ErrorCode.FORBIDDEN.exception(refusal.get()));
          return;
        }
      }
      ctx.next();
    });
  }

  /**
   * Why {@code caller} may not call the operation at the request's path (its {@code x-devsanctum-permission}),
   * for routes outside the API router (the terminal); empty when they may.
   */
  public Optional<String> permissionRefusal(RoutingContext ctx, Caller caller) {
    Operation operation = contract.routing().findOperation(ctx.normalizedPath(), ctx.request().method());
    return operation == null ? Optional.empty()
        : contract.requiredPermission(operation).flatMap(permission -> AccessPolicy.refusal(caller, permission));
  }

  /** Who the credentials name, null when none were sent, or a failure when they are not valid. */
  public Future<Authenticated> authenticate(RoutingContext ctx) {
    String authorization = ctx.request().getHeader("Authorization");
    if (authorization != null) {
      return credentials.bearer(authorization);
    }
    String cookie = SessionCookies.value(ctx, SessionCookies.ACCESS);
    if (cookie == null) {
      return Future.succeededFuture(null);
    }
    if (!SAFE.contains(ctx.request().method())) {
      if (!BrowserOrigin.isSameOrigin(ctx.request())) {
        return Future.failedFuture(ErrorCode.FORBIDDEN.exception(
            "a cookie-authenticated request must come from this server's own pages"));
      }
      if (!csrfTokenMatches(ctx)) {
        return Future.failedFuture(ErrorCode.FORBIDDEN.exception(
            "missing or wrong " + SessionCookies.CSRF_HEADER + " header for a cookie-authenticated request"));
      }
    }
    return credentials.accessToken(cookie);
  }

  private static boolean csrfTokenMatches(RoutingContext ctx) {
    String expected = SessionCookies.value(ctx, SessionCookies.CSRF);
    String sent = ctx.request().getHeader(SessionCookies.CSRF_HEADER);
    return expected != null && sent != null
        && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
  }
}
