package io.devsanctum.gateway.route;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.bus.ErrorCode;
import io.devsanctum.common.contract.audit.AuditAction;
import io.devsanctum.common.contract.audit.AuditActor;
import io.devsanctum.common.contract.audit.AuditChange;
import io.devsanctum.common.contract.audit.AuditRecord;
import io.devsanctum.common.contract.audit.AuditResult;
import io.devsanctum.common.contract.audit.AuditTarget;
import io.devsanctum.common.contract.audit.AuditTargetType;
import io.devsanctum.gateway.activity.ActivityReports;
import io.devsanctum.gateway.audit.GatewayAuditLog;
import io.devsanctum.gateway.middleware.AuthenticationHandler;
import io.devsanctum.gateway.proxy.WorkspacePages;
import io.devsanctum.gateway.proxy.WorkspaceUrls;
import io.devsanctum.gateway.security.TrustedProxies;
import io.devsanctum.gateway.security.WorkspaceAccess;
import io.devsanctum.gateway.security.WorkspaceAccess.Outcome;
import io.devsanctum.gateway.security.WorkspaceAccessPolicy;
import io.devsanctum.gateway.security.WorkspaceTokens;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's side of workspace access ({@code workspaceAccessHandoff}) and Traefik's
 * forwardAuth endpoint ({@code authorizeWorkspaceRequest}), both on {@link WorkspaceAccess}.
 *
 * <p>The handoff can never loop: when one sign-in is handed to the same host
 * {@link #HANDOFF_BURST} times within {@link #HANDOFF_WINDOW_MS} (the browser keeps coming back
 * without the workspace's cookie), it stops and says so on a page, with one way on.
 */
public class WorkspaceAccessRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(WorkspaceAccessRoutes.class);
  private static final String PLANE_TRAEFIK = "traefik";
  private static final String PLANE_HANDOFF = "handoff";
  static final int HANDOFF_BURST = 4;
  static final long HANDOFF_WINDOW_MS = 30_000;

  /** Recent handoffs of one sign-in to one host. */
  private record Handoffs(int count, long since) {
  }

  private final WorkspaceAccess access;
  private final WorkspaceTokens tokens;
  private final WorkspaceUrls urls;
  private final TrustedProxies proxies;
  private final ActivityReports activity;
  private final GatewayAuditLog audit;
  private final Map<String, Handoffs> recent = new ConcurrentHashMap<>();

  public WorkspaceAccessRoutes(WorkspaceAccess access, WorkspaceTokens tokens, WorkspaceUrls urls,
      TrustedProxies proxies, ActivityReports activity, GatewayAuditLog audit) {
    this.access = access;
    this.tokens = tokens;
    this.urls = urls;
    this.proxies = proxies;
    this.activity = activity;
    this.audit = audit;
  }

  public void mount(RouterBuilder api) {
    api.getRoute("workspaceAccessHandoff").addHandler(this::handoff);
    api.getRoute("authorizeWorkspaceRequest").addHandler(this::authorize);
  }

  /**
   * Signed in and allowed: a handoff token, redirected to the workspace's exchange (recorded in the
   * audit log: the workspace, by host and app, handed to whom). Anonymous: to sign in.
   */
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
    WorkspaceAccess.Decision decision = access.decide(host, caller, PLANE_HANDOFF);
    if (decision.outcome() == Outcome.OUT_OF_SCOPE) {
      ctx.fail(ErrorCode.FORBIDDEN.exception(WorkspaceAccessPolicy.scopeRefusal()));
      return;
    }
    if (decision.outcome() != Outcome.ALLOWED) {
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
    if (tooManyHandoffs(AuthenticationHandler.authenticated(ctx).sessionId() + "/" + host)) {
      LOG.warn("handoffs of a sign-in of {} to {} keep coming back: the browser does not keep the workspace's cookie",
          caller.username(), host);
      WorkspacePages.send(ctx.response(), 409, WorkspacePages.cookieNotKept(urls.dashboard()));
      return;
    }
    // made here, in the request's context, with its origin; written once the handoff is issued
    AuditRecord handedOff = AuditRecord.of(AuditActor.of(caller), AuditAction.WORKSPACE_ACCESS,
        new AuditTarget(AuditTargetType.WORKSPACE, decision.route().workspaceId(), host),
        AuditChange.created(Map.of("app", decision.route().appName())), AuditResult.SUCCESS);
    tokens.issueHandoff(AuthenticationHandler.authenticated(ctx), host)
        .onSuccess(token -> {
          audit.record(handedOff);
          redirect(ctx, urls.exchangeUrl(host, token, path));
        })
        .onFailure(ctx::fail);
  }

  /** Counts a handoff; true once the same sign-in has been handed to the same host too often lately. */
  private boolean tooManyHandoffs(String key) {
    long now = System.currentTimeMillis();
    if (recent.size() > 10_000) {
      recent.values().removeIf(handoffs -> now - handoffs.since() > HANDOFF_WINDOW_MS);
    }
    Handoffs counted = recent.compute(key, (k, before) -> before == null || now - before.since() > HANDOFF_WINDOW_MS
        ? new Handoffs(1, now) : new Handoffs(before.count() + 1, before.since()));
    return counted.count() > HANDOFF_BURST;
  }

  /**
   * Traefik forwardAuth: 200 (+ user headers) lets through, 302 and 404 are answered to the visitor
   * as they are. A request let through to a running workspace is activity of it.
   */
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
        if (decision.route().active()) {
          activity.used(decision.route().workspaceId()); // Traefik forwards it to the workspace
        }
        Caller caller = decision.caller();
        // always set, empty for an anonymous visitor of a public workspace, so Traefik replaces
        // whatever the visitor sent under these names
        ctx.response()
            .putHeader("X-DevSanctum-User-Id", caller == null ? "" : caller.userId().toString())
            .putHeader("X-DevSanctum-User-Role", caller == null ? "" : caller.role())
            .putHeader("X-DevSanctum-Username", caller == null ? "" : caller.username())
            .setStatusCode(200).end();
      } else if (decision.outcome() == Outcome.SIGN_IN) {
        // as the built-in proxy: browsers navigating go to sign in, an app's own requests get a 401
        if (forwardedNavigation(ctx)) {
          redirect(ctx, urls.handoffUrl(host, original));
        } else {
          WorkspacePages.send(ctx.response(), 401, WorkspacePages.signInNeeded(urls.handoffUrl(host, original)));
        }
      } else if (decision.outcome() == Outcome.OUT_OF_SCOPE) {
        WorkspacePages.send(ctx.response(), 403, WorkspacePages.outOfScope(WorkspaceAccessPolicy.scopeRefusal()));
      } else {
        WorkspacePages.send(ctx.response(), 404, WorkspacePages.notFound(urls.dashboard()));
      }
    }).onFailure(ctx::fail);
  }

  private void exchange(RoutingContext ctx, String host, QueryStringDecoder forwarded) {
    String path = WorkspaceUrls.safePath(first(forwarded, "path"));
    boolean https = proxies.isHttps(ctx.request());
    tokens.redeemHandoff(first(forwarded, "token"), host)
        .onSuccess(session -> {
          ctx.response().addCookie(tokens.sessionCookie(session, https));
          redirect(ctx, path);
        })
        .onFailure(refused -> WorkspacePages.send(ctx.response(), 403, WorkspacePages.linkNotAccepted(path)));
  }

  /** Traefik forwards the visitor's own headers: a browser's top-level navigation, as the built-in proxy tells it. */
  private static boolean forwardedNavigation(RoutingContext ctx) {
    String mode = ctx.request().getHeader("Sec-Fetch-Mode");
    if (mode != null) {
      return "navigate".equalsIgnoreCase(mode);
    }
    String method = ctx.request().getHeader("X-Forwarded-Method");
    String accept = ctx.request().getHeader("Accept");
    return (method == null || "GET".equalsIgnoreCase(method)) && ctx.request().getHeader("Upgrade") == null
        && accept != null && accept.contains("text/html");
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
