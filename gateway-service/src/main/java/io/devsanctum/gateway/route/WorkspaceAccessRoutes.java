package io.devsanctum.gateway.route;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.bus.ErrorCode;
import io.devsanctum.gateway.middleware.AuthenticationHandler;
import io.devsanctum.gateway.proxy.WorkspaceAccess;
import io.devsanctum.gateway.proxy.WorkspaceAccess.Outcome;
import io.devsanctum.gateway.proxy.WorkspaceTokens;
import io.devsanctum.gateway.proxy.WorkspaceUrls;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.List;

/**
 * The dashboard's side of workspace access ({@code workspaceAccessHandoff}) and Traefik's
 * forwardAuth endpoint ({@code authorizeWorkspaceRequest}), both on {@link WorkspaceAccess}.
 */
public class WorkspaceAccessRoutes {

  private static final String PLANE_TRAEFIK = "traefik";
  private static final String PLANE_HANDOFF = "handoff";

  private final WorkspaceAccess access;
  private final WorkspaceTokens tokens;
  private final WorkspaceUrls urls;

  public WorkspaceAccessRoutes(WorkspaceAccess access, WorkspaceTokens tokens, WorkspaceUrls urls) {
    this.access = access;
    this.tokens = tokens;
    this.urls = urls;
  }

  public void mount(RouterBuilder api) {
    api.getRoute("workspaceAccessHandoff").addHandler(this::handoff);
    api.getRoute("authorizeWorkspaceRequest").addHandler(this::authorize);
  }

  /** Signed in and allowed: a handoff token, redirected to the workspace's exchange. Anonymous: to sign in. */
  private void handoff(RoutingContext ctx) {
    String host = WorkspaceUrls.hostOnly((String) ApiRequest.query(ctx, "host"));
    String path = WorkspaceUrls.safePath((String) ApiRequest.query(ctx, "path"));
    Caller caller = AuthenticationHandler.caller(ctx);
    if (host == null || !urls.isWorkspaceHost(host)) {
      ctx.fail(ErrorCode.NOT_FOUND.exception("no workspace at that host"));
      return;
    }
    if (caller == null) {
      redirect(ctx, urls.signInUrl(urls.handoffUrl(host, path)));
      return;
    }
    if (access.decide(host, caller, PLANE_HANDOFF).outcome() != Outcome.ALLOWED) {
      ctx.fail(ErrorCode.NOT_FOUND.exception("no workspace at that host"));
      return;
    }
    if (AuthenticationHandler.authenticated(ctx).sessionId() == null) {
      // a workspace session lives as long as the dashboard sign-in it comes from; an API token has
      // none, and needs no cookie: it goes to the workspace host itself as Bearer
      ctx.fail(ErrorCode.FORBIDDEN.exception("the handoff is for dashboard sign-ins; send the API token to the "
          + "workspace host as Bearer instead"));
      return;
    }
    tokens.issueHandoff(AuthenticationHandler.authenticated(ctx), host)
        .onSuccess(token -> redirect(ctx, urls.exchangeUrl(host, token, path)))
        .onFailure(ctx::fail);
  }

  /** Traefik forwardAuth: 200 (+ user headers) lets through, 302 and 404 are answered to the visitor as they are. */
  private void authorize(RoutingContext ctx) {
    String host = WorkspaceUrls.hostOnly(ctx.request().getHeader("X-Forwarded-Host"));
    String uri = ctx.request().getHeader("X-Forwarded-Uri");
    uri = uri == null || uri.isEmpty() ? "/" : uri;
    if (host == null || !urls.isWorkspaceHost(host)) {
      ctx.response().setStatusCode(404).end();
      return;
    }
    QueryStringDecoder forwarded = new QueryStringDecoder(uri);
    if (WorkspaceUrls.AUTH_PATH.equals(forwarded.path())) {
      exchange(ctx, host, forwarded);
      return;
    }
    String original = uri;
    access.authorize(ctx.request(), host, PLANE_TRAEFIK).onSuccess(decision -> {
      if (decision.outcome() == Outcome.ALLOWED) {
        Caller caller = decision.caller();
        // always set, empty for an anonymous visitor of a public workspace, so Traefik replaces
        // whatever the visitor sent under these names
        ctx.response()
            .putHeader("X-DevSanctum-User-Id", caller == null ? "" : caller.userId().toString())
            .putHeader("X-DevSanctum-User-Role", caller == null ? "" : caller.role())
            .putHeader("X-DevSanctum-Username", caller == null ? "" : caller.username())
            .setStatusCode(200).end();
      } else if (decision.outcome() == Outcome.SIGN_IN) {
        redirect(ctx, urls.handoffUrl(host, original));
      } else {
        ctx.response().setStatusCode(404).putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
            .end("<!doctype html><title>Not found</title><h1>Not found</h1>");
      }
    }).onFailure(ctx::fail);
  }

  private void exchange(RoutingContext ctx, String host, QueryStringDecoder forwarded) {
    String path = WorkspaceUrls.safePath(first(forwarded, "path"));
    boolean https = "https".equalsIgnoreCase(ctx.request().getHeader("X-Forwarded-Proto"));
    tokens.redeemHandoff(first(forwarded, "token"), host)
        .onSuccess(session -> {
          ctx.response().addCookie(tokens.sessionCookie(session, https));
          redirect(ctx, path);
        })
        .onFailure(refused -> ctx.response().setStatusCode(403)
            .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
            .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
            .end("<!doctype html><title>Sign-in link not accepted</title><h1>Sign-in link not accepted</h1>"
                + "<p>The link is invalid, has expired or was already used.</p>"));
  }

  private static String first(QueryStringDecoder query, String name) {
    List<String> values = query.parameters().get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static void redirect(RoutingContext ctx, String location) {
    ctx.response().setStatusCode(302)
        .putHeader(HttpHeaders.LOCATION, location)
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end();
  }
}
