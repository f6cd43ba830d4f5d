package io.devsanctum.gateway.proxy;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.bus.RouteMapping;
import io.devsanctum.common.bus.SharingLevel;
import io.devsanctum.gateway.security.Authenticated;
import io.devsanctum.gateway.security.BearerCredentials;
import io.devsanctum.gateway.security.SessionChecks;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one access decision for workspace hosts, taken by the built-in proxy in-process and by
 * {@code /internal/authz} for Traefik (DESIGN.md §6). Allowed: the owner, admins, and per the route's
 * sharing ({@code authenticated}: any signed-in user; {@code public}: anyone). A signed-in user who
 * is not allowed gets the same answer as an unknown host (404, leaking nothing); an anonymous visitor
 * is sent to sign in. Taken on every request from the route cache, so a change of sharing or owner
 * applies at once, whatever the visitor's cookie says.
 *
 * <p>The visitor is who the host's {@code ds_ws} cookie says, as long as the dashboard sign-in it
 * came from holds and with the user's current role ({@link SessionChecks}), else a Bearer access
 * token or API token (for scripts and the CLI); invalid credentials count as none. Counted in
 * {@code devsanctum.authz.decisions} by outcome and data plane.
 */
public class WorkspaceAccess {

  public enum Outcome {
    ALLOWED("allowed"),
    SIGN_IN("sign_in"),
    DENIED("denied"),
    UNKNOWN_HOST("unknown_host");

    final String tag;

    Outcome(String tag) {
      this.tag = tag;
    }
  }

  /**
   * The outcome, the route (null for an unknown host) and the visitor (null when anonymous);
   * {@code workspaceSession}: the workspace session the visitor came with, when it was one (to
   * check again later), null for Bearer credentials and anonymous visitors.
   */
  public record Decision(Outcome outcome, RouteMapping route, Caller caller, Authenticated workspaceSession) {

    Decision(Outcome outcome, RouteMapping route, Caller caller) {
      this(outcome, route, caller, null);
    }

    Decision via(Authenticated session) {
      return new Decision(outcome, route, caller, session);
    }
  }

  /** Who visits, and the workspace session they came with (null when not by one). */
  private record Visitor(Caller caller, Authenticated workspaceSession) {
  }

  private final RouteCache routes;
  private final WorkspaceTokens tokens;
  private final BearerCredentials bearerCredentials;
  private final SessionChecks sessions;
  private final MeterRegistry metrics;
  /** By outcome and plane: a decision is counted on every proxied request. */
  private final Map<String, Counter> decisions = new ConcurrentHashMap<>();

  public WorkspaceAccess(RouteCache routes, WorkspaceTokens tokens, BearerCredentials bearerCredentials,
      SessionChecks sessions, MeterRegistry metrics) {
    this.routes = routes;
    this.tokens = tokens;
    this.bearerCredentials = bearerCredentials;
    this.sessions = sessions;
    this.metrics = metrics;
  }

  /** Who is visiting {@code host}, and whether they may; {@code plane} tags the metric (builtin, traefik). */
  public Future<Decision> authorize(HttpServerRequest request, String host, String plane) {
    return visitor(request, host)
        .map(visitor -> count(decide(routes.find(host), visitor.caller()), plane).via(visitor.workspaceSession()));
  }

  /** The rule itself, on a route (empty: unknown host) and a visitor (null: anonymous). */
  public static Decision decide(Optional<RouteMapping> found, Caller caller) {
    if (found.isEmpty()) {
      return new Decision(Outcome.UNKNOWN_HOST, null, caller);
    }
    RouteMapping route = found.get();
    if (route.sharing() == SharingLevel.PUBLIC) {
      return new Decision(Outcome.ALLOWED, route, caller);
    }
    if (caller == null) {
      return new Decision(Outcome.SIGN_IN, route, null);
    }
    boolean allowed = caller.mayAccess(route.ownerId()) || route.sharing() == SharingLevel.AUTHENTICATED;
    return new Decision(allowed ? Outcome.ALLOWED : Outcome.DENIED, route, caller);
  }

  /** May {@code caller} open {@code host}? (The dashboard's handoff asks before issuing a token.) */
  public Decision decide(String host, Caller caller, String plane) {
    return count(decide(routes.find(host), caller), plane);
  }

  private Future<Visitor> visitor(HttpServerRequest request, String host) {
    Cookie cookie = request.getCookie(WorkspaceTokens.COOKIE);
    WorkspaceSession session = cookie == null ? null : tokens.session(cookie.getValue(), host);
    if (session == null) {
      return bearer(request);
    }
    // an ended sign-in leaves the cookie without effect, as if it were not there
    return sessions.current(session.authenticated()).compose(current -> current != null
        ? Future.succeededFuture(new Visitor(current, session.authenticated()))
        : bearer(request));
  }

  /** Invalid Bearer credentials count as none: the visitor is then sent to sign in, or answered 404. */
  private Future<Visitor> bearer(HttpServerRequest request) {
    return bearerCredentials.verify(request.getHeader("Authorization")).otherwiseEmpty()
        .map(verified -> new Visitor(verified == null ? null : verified.caller(), null));
  }


  private Decision count(Decision decision, String plane) {
    decisions.computeIfAbsent(decision.outcome().tag + "/" + plane, key -> Counter.builder("devsanctum.authz.decisions")
            .description("Workspace access decisions, by outcome and data plane")
            .tag("outcome", decision.outcome().tag)
            .tag("plane", plane)
            .register(metrics))
        .increment();
    return decision;
  }

}
