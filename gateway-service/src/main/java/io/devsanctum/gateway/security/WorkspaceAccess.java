package io.devsanctum.gateway.security;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.bus.ErrorCode;
import io.devsanctum.common.contract.routing.RouteMapping;
import io.devsanctum.gateway.routetable.RouteCache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one access decision for workspace hosts, taken by the built-in proxy in-process and by
 * {@code /internal/authz} for Traefik (docs/architecture.md, "Routing and workspace access").
 * Allowed: whoever may connect to the workspace (its owner, owners), and per the route's sharing ({@code authenticated}: any signed-in
 * user; {@code public}: anyone). A signed-in user who is not allowed gets the same answer as an
 * unknown host (404, leaking nothing), unless only their API token's scopes stand in the way (403,
 * naming the scope); an anonymous visitor is sent to sign in. Taken on every
 * request from the route cache, so a change of sharing or owner applies at once, whatever the
 * visitor's cookie says.
 *
 * <p>The visitor is who the host's {@code ds_ws} cookie says, as long as the dashboard sign-in it
 * came from holds and with the user's current role, else a Bearer access token or API token (for
 * scripts and the CLI), checked the same way ({@link Credentials}); invalid or ended credentials
 * count as none, and so does a user who must change their password first. Counted in
 * {@code devsanctum.authz.decisions} by outcome and data plane.
 */
public class WorkspaceAccess {

  public enum Outcome {
    ALLOWED("allowed"),
    SIGN_IN("sign_in"),
    DENIED("denied"),
    /** The visitor's user could open the host, but not with the credential they came with (an API token's scopes). */
    OUT_OF_SCOPE("out_of_scope"),
    UNKNOWN_HOST("unknown_host");

    final String tag;

    Outcome(String tag) {
      this.tag = tag;
    }
  }

  /**
   * The outcome, the route (null for an unknown host) and the visitor with the credential they came
   * with (null when anonymous), to follow a connection they open until that credential ends;
   * {@code workspaceSession}: the {@code ds_ws} session they came with, null for other credentials.
   */
  public record Decision(Outcome outcome, RouteMapping route, Authenticated visitor, WorkspaceSession workspaceSession) {

    public Caller caller() {
      return visitor == null ? null : visitor.caller();
    }
  }

  private final RouteCache routes;
  private final WorkspaceTokens tokens;
  private final Credentials credentials;
  private final MeterRegistry metrics;
  /** By plane, then outcome: a decision is counted on every proxied request, so nothing is looked up by name. */
  private final Map<String, Map<Outcome, Counter>> decisions = new ConcurrentHashMap<>();

  /** Who visits, and the workspace session they came with (null when not by one). */
  private record Visitor(Authenticated who, WorkspaceSession session) {
  }

  public WorkspaceAccess(RouteCache routes, WorkspaceTokens tokens, Credentials credentials, MeterRegistry metrics) {
    this.routes = routes;
    this.tokens = tokens;
    this.credentials = credentials;
    this.metrics = metrics;
  }

  /** Who is visiting {@code host}, and whether they may; {@code plane} tags the metric (builtin, traefik). */
  public Future<Decision> authorize(HttpServerRequest request, String host, String plane) {
    return visitor(request, host).map(visitor -> {
      Optional<RouteMapping> route = routes.find(host);
      Outcome outcome = WorkspaceAccessPolicy.decide(route, visitor.who() == null ? null : visitor.who().caller());
      return count(new Decision(outcome, route.orElse(null), visitor.who(), visitor.session()), plane);
    });
  }

  /** May {@code caller} open {@code host}, and which route is it? (The dashboard's handoff asks before issuing a token.) */
  public Decision decide(String host, Caller caller, String plane) {
    Optional<RouteMapping> route = routes.find(host);
    return count(new Decision(WorkspaceAccessPolicy.decide(route, caller), route.orElse(null), null, null), plane);
  }

  /** Whether the visitor may still have {@code host} open, as they are now (for connections that outlive their request). */
  public boolean stillAllowed(String host, Caller current) {
    return WorkspaceAccessPolicy.decide(routes.find(host), current) == Outcome.ALLOWED;
  }

  private Future<Visitor> visitor(HttpServerRequest request, String host) {
    Cookie cookie = request.getCookie(WorkspaceTokens.COOKIE);
    WorkspaceSession session = cookie == null ? null : tokens.session(cookie.getValue(), host);
    if (session == null || session.sessionId() == null) {
      return bearer(request);
    }
    // an ended sign-in leaves the cookie without effect, as if it were not there
    return credentials.current(session.authenticated()).compose(current -> usable(current)
        ? Future.succeededFuture(new Visitor(current, session))
        : bearer(request));
  }

  /**
   * Invalid Bearer credentials count as none: the visitor is then sent to sign in, or answered 404.
   * A check that cannot be made (auth-service away) fails UNAVAILABLE: neither in nor out.
   */
  private Future<Visitor> bearer(HttpServerRequest request) {
    return credentials.bearer(request.getHeader("Authorization"))
        .recover(refused -> ErrorCode.of(refused) == ErrorCode.UNAUTHENTICATED
            ? Future.succeededFuture() : Future.failedFuture(refused))
        .map(verified -> new Visitor(usable(verified) ? verified : null, null));
  }

  private static boolean usable(Authenticated visitor) {
    return visitor != null && !visitor.passwordChangeRequired();
  }

  private Decision count(Decision decision, String plane) {
    decisions.computeIfAbsent(plane, this::counters).get(decision.outcome()).increment();
    return decision;
  }

  private Map<Outcome, Counter> counters(String plane) {
    Map<Outcome, Counter> counters = new EnumMap<>(Outcome.class);
    for (Outcome outcome : Outcome.values()) {
      counters.put(outcome, Counter.builder("devsanctum.authz.decisions")
          .description("Workspace access decisions, by outcome and data plane")
          .tag("outcome", outcome.tag)
          .tag("plane", plane)
          .register(metrics));
    }
    return counters;
  }
}
