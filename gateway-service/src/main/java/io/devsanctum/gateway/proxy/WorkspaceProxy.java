package io.devsanctum.gateway.proxy;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.bus.ErrorCode;
import io.devsanctum.common.bus.TypedBus;
import io.devsanctum.common.contract.routing.RouteMapping;
import io.devsanctum.common.contract.routing.RoutingContract;
import io.devsanctum.common.contract.workspace.WorkspaceAction;
import io.devsanctum.common.contract.workspace.WorkspaceContract;
import io.devsanctum.common.paging.PageRequest;
import io.devsanctum.gateway.activity.ActivityReports;
import io.devsanctum.gateway.edge.HttpEdge;
import io.devsanctum.gateway.middleware.SecurityHeaders;
import io.devsanctum.gateway.routetable.RouteCache;
import io.devsanctum.gateway.security.Authenticated;
import io.devsanctum.gateway.security.BrowserOrigin;
import io.devsanctum.gateway.security.LiveConnections;
import io.devsanctum.gateway.security.TrustedProxies;
import io.devsanctum.gateway.security.WorkspaceAccess;
import io.devsanctum.gateway.security.WorkspaceAccess.Decision;
import io.devsanctum.gateway.security.WorkspaceAccessPolicy;
import io.devsanctum.gateway.security.WorkspaceSession;
import io.devsanctum.gateway.security.WorkspaceTokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.MediaType;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyOptions;
import io.vertx.httpproxy.ProxyResponse;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in data plane: requests for {@code <slug>.<base-domain>} hosts. Every request is
 * authorized ({@link WorkspaceAccess}); allowed ones go to the route's upstream, HTTP and WebSocket
 * upgrades alike, with {@code X-Forwarded-*} set, the user's {@code X-DevSanctum-*} headers set (as
 * Traefik's forwardAuth does), and our credentials removed: no {@code ds_*} cookie and no Bearer
 * token ever reaches a workspace. {@code /.devsanctum/auth} exchanges a handoff token for the
 * {@code ds_ws} cookie. A stopped or failed workspace, an unknown host and an upstream that does not
 * answer get pages of their own ({@link WorkspacePages}); a stopped one's owner gets a Start button
 * ({@code /.devsanctum/start}). An anonymous browser navigating to a workspace is sent to sign in;
 * other anonymous requests (an app's fetches, WebSocket upgrades) get a 401 page rather than a
 * redirect they cannot follow. WebSockets opened by a signed-in visitor are followed until their
 * credential ends ({@link LiveConnections}). Upstream failures and recoveries are reported to
 * routing-service as health. Every forwarded request, and every minute of an open WebSocket, is
 * activity of the workspace ({@link ActivityReports}).
 */
public class WorkspaceProxy implements Handler<HttpServerRequest> {

  private static final Logger LOG = LoggerFactory.getLogger(WorkspaceProxy.class);
  private static final String PLANE = "builtin";
  /** WebSocket upgrades take their own path ({@link WebSocketTunnel}), never the library's. */
  private static final ProxyOptions OPTIONS = new ProxyOptions().setSupportWebSocket(false);
  private static final long CONNECT_TIMEOUT_MS = 5_000;
  private static final int MAX_KNOWN_UPSTREAMS = 10_000;
  private static final String HTML = "text/html; charset=utf-8";
  private static final String ORIGIN = "devsanctum.origin-request";
  private static final Caller GATEWAY = Caller.service("gateway");
  /** A stopped workspace's page says why it stopped: its newest deployment is the first of its list. */
  private static final PageRequest LATEST_DEPLOYMENT = new PageRequest(1, null);

  private final Vertx vertx;
  private final RouteCache routes;
  private final WorkspaceAccess access;
  private final WorkspaceTokens tokens;
  private final WorkspaceUrls urls;
  private final ProxyMetrics metrics;
  /** Pooled HTTP/1.1 keep-alive connections, a pool per upstream address. */
  private final HttpClientAgent upstreams;
  private final WebSocketTunnel webSockets;
  private final Map<String, SocketAddress> upstreamAddresses = new ConcurrentHashMap<>();
  private final LiveConnections live;
  private final WorkspaceContract workspaces;
  private final RoutingContract routing;
  private final TrustedProxies proxies;
  private final ActivityReports activity;
  /** How long an upstream may take to start its answer (0: no limit); a WebSocket's ends at its upgrade. */
  private final Duration responseTimeout;
  /** The health last reported per host, so a burst of failures reports once. */
  private final Map<String, Boolean> reported = new ConcurrentHashMap<>();

  public WorkspaceProxy(Vertx vertx, RouteCache routes, WorkspaceAccess access, WorkspaceTokens tokens,
      WorkspaceUrls urls, LiveConnections live, WorkspaceContract workspaces, TrustedProxies proxies,
      ActivityReports activity, Duration responseTimeout, int maxConnectionsPerUpstream, MeterRegistry registry) {
    this.vertx = vertx;
    this.routes = routes;
    this.access = access;
    this.tokens = tokens;
    this.urls = urls;
    this.live = live;
    this.workspaces = workspaces;
    this.routing = TypedBus.client(vertx, RoutingContract.class);
    this.proxies = proxies;
    this.activity = activity;
    this.responseTimeout = responseTimeout;
    this.metrics = new ProxyMetrics(registry);
    this.upstreams = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) CONNECT_TIMEOUT_MS),
        new PoolOptions().setHttp1MaxSize(maxConnectionsPerUpstream));
    this.webSockets = new WebSocketTunnel(vertx, upstreams, CONNECT_TIMEOUT_MS, responseTimeout);
  }

  /** Workspace hosts to this proxy, every other request to {@code rest} (the API router). */
  public Handler<HttpServerRequest> inFrontOf(Handler<HttpServerRequest> rest) {
    return request -> {
      if (urls.isWorkspaceHost(host(request))) {
        handle(request);
      } else {
        rest.handle(request);
      }
    };
  }

  static String host(HttpServerRequest request) {
    return WorkspaceUrls.hostOnly(request.authority() != null ? request.authority().toString()
        : request.getHeader(HttpHeaders.HOST));
  }

  @Override
  public void handle(HttpServerRequest request) {
    long started = System.nanoTime();
    request.pause(); // nothing of the body is read before the request is allowed and forwarded
    HttpServerResponse response = request.response();
    response.endHandler(v -> metrics.request(started, response.getStatusCode(), request.bytesRead(),
        response.bytesWritten()));
    String host = host(request);
    if (WorkspaceUrls.AUTH_PATH.equals(request.path())) {
      exchange(request, host);
      return;
    }
    if (!routes.loaded()) {
      page(request, 503, WorkspacePages.platformStarting(), 2);
      return;
    }
    access.authorize(request, host, PLANE).onComplete(decided -> {
      if (decided.failed()) {
        if (ErrorCode.of(decided.cause()) == ErrorCode.UNAVAILABLE) {
          // auth-service is away for a moment: neither let in nor send to sign in (that would loop)
          LOG.warn("workspace access for {} cannot be decided now: {}", host, decided.cause().getMessage());
          page(request, 503, WorkspacePages.unavailable(), 5);
        } else {
          LOG.error("workspace access for {} could not be decided", host, decided.cause());
          page(request, 500, WorkspacePages.notAnswering(urls.dashboard()), 0);
        }
        return;
      }
      Decision decision = decided.result();
      switch (decision.outcome()) {
        case UNKNOWN_HOST, DENIED -> page(request, 404, WorkspacePages.notFound(urls.dashboard()), 0);
        case OUT_OF_SCOPE -> page(request, 403, WorkspacePages.outOfScope(WorkspaceAccessPolicy.scopeRefusal()), 0);
        case SIGN_IN -> signIn(request, host);
        case ALLOWED -> {
          RouteMapping route = decision.route();
          if (WorkspaceUrls.START_PATH.equals(request.path())) {
            start(request, route, decision);
          } else if (route.active()) {
            forward(request, route, decision);
          } else {
            notRunning(request, host, route, decision);
          }
        }
      }
    });
  }

  /** A browser navigating here goes to sign in (and comes back); anything else could not follow that. */
  private void signIn(HttpServerRequest request, String host) {
    String handoff = urls.handoffUrl(host, request.uri());
    if (isNavigation(request)) {
      redirect(request, handoff);
    } else {
      page(request, 401, WorkspacePages.signInNeeded(handoff), 0);
    }
  }

  /** What the route's workspace is doing instead of running, as its visitor may know it; the owner may start it. */
  private void notRunning(HttpServerRequest request, String host, RouteMapping route, Decision decision) {
    String name = host.substring(0, host.indexOf('.'));
    String dashboard = urls.dashboardWorkspaceUrl(route.workspaceId());
    Caller caller = decision.caller();
    if (!WorkspaceAccessPolicy.maySee(caller, route.ownerId())) {
      page(request, 503, WorkspacePages.stopped(name, null, null, dashboard), 0);
      return;
    }
    workspaces.getWorkspace(caller, route.workspaceId())
        .onFailure(failure -> page(request, 503, WorkspacePages.stopped(name, null, null, dashboard), 0))
        .onSuccess(workspace -> {
          WorkspacePages.Start start = decision.workspaceSession() == null
              || !WorkspaceAccessPolicy.mayChange(caller, route.ownerId()) ? null
              : new WorkspacePages.Start(tokens.startToken(decision.workspaceSession()), WorkspaceUrls.safePath(request.uri()));
          switch (workspace.state()) {
            case STOPPED -> workspaces.deployments(caller, workspace.id(), LATEST_DEPLOYMENT)
                .map(latest -> WorkspacePages.whyStopped(latest.items().isEmpty() ? null : latest.items().get(0),
                    workspace))
                .otherwiseEmpty() // without its history the page still offers Start
                .onComplete(why -> page(request, 503, WorkspacePages.stopped(workspace.name(), why.result(),
                    workspace.dormantAt() == null ? start : null, dashboard), 0));
            case FAILED -> page(request, 503,
                WorkspacePages.failed(workspace.name(), workspace.failureReason(), start, dashboard), 0);
            default -> page(request, 503, WorkspacePages.starting(workspace.name(), workspace.state().name()), 3);
          }
        });
  }

  /**
   * The Start button of a stopped workspace's page: a form from this host's own page, with the token
   * bound to the visitor's workspace session, by someone who may start it (its owner or an admin).
   */
  private void start(HttpServerRequest request, RouteMapping route, Decision decision) {
    String dashboard = urls.dashboardWorkspaceUrl(route.workspaceId());
    WorkspaceSession session = decision.workspaceSession();
    if (request.method() != HttpMethod.POST || session == null || !BrowserOrigin.isSameOrigin(request)
        || !WorkspaceAccessPolicy.mayChange(decision.caller(), route.ownerId())) {
      page(request, 404, WorkspacePages.notFound(urls.dashboard()), 0);
      return;
    }
    request.setExpectMultipart(true);
    request.resume();
    request.end().onComplete(read -> {
      if (read.failed() || !tokens.isStartToken(request.getFormAttribute("token"), session)) {
        page(request, 403, WorkspacePages.linkNotAccepted(urls.hostUrl(route.host())), 0);
        return;
      }
      String path = WorkspaceUrls.safePath(request.getFormAttribute("path"));
      workspaces.transition(decision.caller(), route.workspaceId(), WorkspaceAction.START)
          .onSuccess(started -> {
            LOG.info("workspace {} started from its page by {}", route.workspaceId(), decision.caller().username());
            request.response().setStatusCode(303).putHeader(HttpHeaders.LOCATION, path)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store").end();
          })
          .onFailure(refused -> page(request, ErrorCode.of(refused).httpStatus(),
              WorkspacePages.startFailed(refused.getMessage(), dashboard), 0));
    });
  }

  /** {@code /.devsanctum/auth?token=…&path=…}: the handoff token for the {@code ds_ws} cookie, then on to the path. */
  private void exchange(HttpServerRequest request, String host) {
    String path = WorkspaceUrls.safePath(request.getParam("path"));
    tokens.redeemHandoff(request.getParam("token"), host)
        .onSuccess(session -> {
          request.response().addCookie(tokens.sessionCookie(session, proxies.isHttps(request)));
          redirect(request, path);
        })
        .onFailure(refused -> page(request, 403, WorkspacePages.linkNotAccepted(path), 0));
  }

  /** A top-level navigation of a browser (not a fetch, an image or a WebSocket of a page). */
  static boolean isNavigation(HttpServerRequest request) {
    String mode = request.getHeader("Sec-Fetch-Mode");
    if (mode != null) {
      return "navigate".equalsIgnoreCase(mode);
    }
    String accept = request.getHeader(HttpHeaders.ACCEPT);
    return request.method() == HttpMethod.GET && request.getHeader(HttpHeaders.UPGRADE) == null
        && accept != null && accept.contains("text/html");
  }

  private void forward(HttpServerRequest request, RouteMapping route, Decision decision) {
    activity.used(route.workspaceId());
    SocketAddress upstream = upstreamAddress(route);
    if (request.canUpgradeToWebSocket()) {
      MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(request.headers());
      UpstreamHeaders.rewrite(headers, request, decision.caller(), proxies);
      webSockets.open(request, upstream, headers)
          .onSuccess(socket -> {
            if (socket != null) {
              followed(socket, route, decision.visitor());
            }
          })
          .onFailure(failure -> {
            if (!(failure instanceof VisitorGone)) {
              Failure answer = failed(route, failure);
              WorkspacePages.send(request.response(), answer.status(), answer.page());
            }
          });
      return;
    }
    HttpProxy.reverseProxy(OPTIONS, upstreams)
        .origin(context -> upstreams.request(new RequestOptions().setServer(upstream)).compose(origin -> {
          // granted a connection after the visitor left (say, while the pool was busy): never sent
          if (request.response().closed()) {
            origin.reset();
            return Future.failedFuture(new VisitorGone());
          }
          origin.exceptionHandler(ignored -> { }); // failures arrive through the answer's future
          context.set(ORIGIN, origin); // kept, to abort it when the upstream takes too long
          return Future.succeededFuture(origin);
        }))
        .addInterceptor(new Forwarding(request, route, decision.caller()), false)
        .handle(request);
  }

  /** Where a route's upstream listens, parsed once per upstream URL rather than per request. */
  private SocketAddress upstreamAddress(RouteMapping route) {
    SocketAddress known = upstreamAddresses.get(route.upstreamUrl());
    if (known != null) {
      return known;
    }
    URI upstream = URI.create(route.upstreamUrl());
    int port = upstream.getPort() > 0 ? upstream.getPort() : "https".equals(upstream.getScheme()) ? 443 : 80;
    SocketAddress address = SocketAddress.inetSocketAddress(port, upstream.getHost());
    if (upstreamAddresses.size() >= MAX_KNOWN_UPSTREAMS) {
      upstreamAddresses.clear(); // routes come and go; this is only a cache
    }
    upstreamAddresses.put(route.upstreamUrl(), address);
    return address;
  }

  /** An open WebSocket: counted, and followed until the credential it was opened with ends. */
  private void followed(NetSocket socket, RouteMapping route, Authenticated opener) {
    metrics.webSocketOpened();
    // an open WebSocket (an editor, a notebook kernel) is use, whether or not its frames are seen
    long inUse = vertx.setPeriodic(ActivityReports.WINDOW.toMillis(), id -> activity.used(route.workspaceId()));
    Runnable release = opener == null ? () -> { } : live.follow(opener, "a WebSocket to " + route.host(),
        current -> access.stillAllowed(route.host(), current), socket::close);
    socket.endHandler(ended -> {
      vertx.cancelTimer(inUse);
      release.run();
      metrics.webSocketClosed();
    });
  }

  /** What the visitor gets when the upstream could not be reached or was too slow. */
  private record Failure(int status, WorkspacePages.Page page) {
  }

  /**
   * A failure to reach the upstream (reported as unhealthy: a refused connection is a sign of a
   * dead app) or an answer that took too long (not reported: a slow answer is no such sign).
   */
  private Failure failed(RouteMapping route, Throwable failure) {
    boolean tooSlow = failure instanceof TimeoutException;
    LOG.info("workspace upstream {} for {} {}: {}", route.upstreamUrl(), route.host(),
        tooSlow ? "did not answer in time" : "is not answering", failure.toString());
    if (!tooSlow) {
      reportHealth(route, false);
    }
    String dashboard = urls.dashboardWorkspaceUrl(route.workspaceId());
    return tooSlow ? new Failure(504, WorkspacePages.tooSlow(dashboard, responseTimeout.toSeconds()))
        : new Failure(502, WorkspacePages.notAnswering(dashboard));
  }

  /** Rewrites what goes to the upstream, and turns a failure to reach it into the "not answering" page. */
  private final class Forwarding implements ProxyInterceptor {

    private final HttpServerRequest visitor;
    private final RouteMapping route;
    private final Caller caller;

    Forwarding(HttpServerRequest visitor, RouteMapping route, Caller caller) {
      this.visitor = visitor;
      this.route = route;
      this.caller = caller;
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
      UpstreamHeaders.rewrite(context.request().headers(), visitor, caller, proxies);
      Future<ProxyResponse> sent = context.sendRequest();
      if (!responseTimeout.isZero()) {
        sent = answeredInTime(sent);
      }
      return sent
          .map(response -> {
            reportHealth(route, true);
            return response;
          })
          .recover(failure -> {
            if (failure instanceof TimeoutException) {
              HttpClientRequest origin = context.get(ORIGIN, HttpClientRequest.class);
              if (origin != null) {
                origin.reset();
              }
            }
            if (failure instanceof VisitorGone || visitor.response().closed()) {
              // the visitor left; the library reset the upstream request (closing its connection)
              return Future.succeededFuture(context.request().release().response().setStatusCode(499));
            }
            Failure answer = failed(route, failure);
            ProxyResponse page = context.request().release().response()
                .setStatusCode(answer.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, HTML)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .setBody(Body.body(Buffer.buffer(WorkspacePages.html(answer.page(), 0)), MediaType.parse(HTML)));
            SecurityHeaders.apply(page.headers(), WorkspacePages.CONTENT_SECURITY_POLICY);
            return Future.succeededFuture(page);
          });
    }

    @Override
    public Future<Void> handleProxyResponse(ProxyContext context) {
      HttpEdge.sentAsIs(context.response().headers());
      return context.sendResponse();
    }

    /**
     * The upstream's answer, failed with a TimeoutException when it has not begun within the
     * timeout, counted from when the visitor's request (an upload, say) has been read completely.
     */
    private Future<ProxyResponse> answeredInTime(Future<ProxyResponse> sent) {
      Promise<ProxyResponse> answer = Promise.promise();
      sent.onComplete(outcome -> {
        if (outcome.succeeded()) {
          answer.tryComplete(outcome.result());
        } else {
          answer.tryFail(outcome.cause());
        }
      });
      visitor.end().onComplete(read -> {
        long timer = vertx.setTimer(responseTimeout.toMillis(), fired -> answer.tryFail(
            new TimeoutException("no answer within " + responseTimeout.toSeconds() + " s")));
        answer.future().onComplete(done -> vertx.cancelTimer(timer));
      });
      return answer.future();
    }
  }

  private void reportHealth(RouteMapping route, boolean healthy) {
    boolean known = routes.find(route.host()).map(RouteMapping::healthy).orElse(healthy);
    if (known == healthy) {
      reported.remove(route.host());
      return;
    }
    if (Boolean.valueOf(healthy).equals(reported.put(route.host(), healthy))) {
      return; // already reported; the route-changed event has not arrived yet
    }
    routing.setHealth(GATEWAY, route.host(), healthy)
        .onFailure(failure -> {
          reported.remove(route.host());
          LOG.warn("could not report {} as {}: {}", route.host(), healthy ? "healthy" : "unhealthy", failure.getMessage());
        });
  }

  private static void page(HttpServerRequest request, int status, WorkspacePages.Page page, int refreshSeconds) {
    request.resume();
    WorkspacePages.send(request.response(), status, page, refreshSeconds);
  }

  private static void redirect(HttpServerRequest request, String location) {
    request.resume();
    request.response().setStatusCode(302)
        .putHeader(HttpHeaders.LOCATION, location)
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end();
  }
}
