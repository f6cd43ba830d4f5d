package io.devsanctum.gateway.proxy;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.bus.ErrorCode;
import io.devsanctum.common.bus.RouteMapping;
import io.devsanctum.common.bus.RoutingContract;
import io.devsanctum.gateway.proxy.WorkspaceAccess.Decision;
import io.devsanctum.gateway.security.Authenticated;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
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
import java.util.ArrayList;
import java.util.List;
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
 * {@code ds_ws} cookie. A stopped workspace, an unknown host and an upstream that does not answer
 * get small HTML pages; upstream failures and recoveries are reported to routing-service as health.
 */
public class WorkspaceProxy implements Handler<HttpServerRequest> {

  private static final Logger LOG = LoggerFactory.getLogger(WorkspaceProxy.class);
  private static final String PLANE = "builtin";
  private static final ProxyOptions OPTIONS = new ProxyOptions().setSupportWebSocket(true);
  private static final List<String> USER_HEADERS =
      List.of("X-DevSanctum-User-Id", "X-DevSanctum-User-Role", "X-DevSanctum-Username");
  private static final String HTML = "text/html; charset=utf-8";
  private static final String ORIGIN = "devsanctum.origin-request";

  private final Vertx vertx;
  private final RouteCache routes;
  private final WorkspaceAccess access;
  private final WorkspaceTokens tokens;
  private final WorkspaceUrls urls;
  private final ProxyMetrics metrics;
  private final HttpClient upstreams;
  private final OpenWorkspaceSockets sockets;
  /** How long an upstream may take to start its answer (0: no limit); a WebSocket's ends at its upgrade. */
  private final Duration responseTimeout;
  /** The health last reported per host, so a burst of failures reports once. */
  private final Map<String, Boolean> reported = new ConcurrentHashMap<>();

  public WorkspaceProxy(Vertx vertx, RouteCache routes, WorkspaceAccess access, WorkspaceTokens tokens,
      WorkspaceUrls urls, OpenWorkspaceSockets sockets, Duration responseTimeout, MeterRegistry registry) {
    this.vertx = vertx;
    this.routes = routes;
    this.access = access;
    this.tokens = tokens;
    this.urls = urls;
    this.sockets = sockets;
    this.responseTimeout = responseTimeout;
    this.metrics = new ProxyMetrics(registry);
    this.upstreams = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(5_000));
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
      page(request, 503, WorkspacePages.starting());
      return;
    }
    access.authorize(request, host, PLANE).onComplete(decided -> {
      if (decided.failed()) {
        if (ErrorCode.of(decided.cause()) == ErrorCode.UNAVAILABLE) {
          // auth-service is away for a moment: neither let in nor send to sign in (that would loop)
          LOG.warn("workspace access for {} cannot be decided now: {}", host, decided.cause().getMessage());
          page(request, 503, WorkspacePages.unavailable());
        } else {
          LOG.error("workspace access for {} could not be decided", host, decided.cause());
          page(request, 500, WorkspacePages.notAnswering(urls.dashboard()));
        }
        return;
      }
      Decision decision = decided.result();
      switch (decision.outcome()) {
        case UNKNOWN_HOST, DENIED -> page(request, 404, WorkspacePages.notFound());
        case SIGN_IN -> redirect(request, urls.handoffUrl(host, request.uri()));
        case ALLOWED -> {
          RouteMapping route = decision.route();
          if (route.active()) {
            forward(request, route, decision);
          } else {
            page(request, 503, WorkspacePages.stopped(host.substring(0, host.indexOf('.')),
                urls.dashboardWorkspaceUrl(route.workspaceId())));
          }
        }
      }
    });
  }

  /** {@code /.devsanctum/auth?token=…&path=…}: the handoff token for the {@code ds_ws} cookie, then on to the path. */
  private void exchange(HttpServerRequest request, String host) {
    String path = WorkspaceUrls.safePath(request.getParam("path"));
    tokens.redeemHandoff(request.getParam("token"), host)
        .onSuccess(session -> {
          request.response().addCookie(tokens.sessionCookie(session, isHttps(request)));
          redirect(request, path);
        })
        .onFailure(refused -> page(request, 403, WorkspacePages.linkNotAccepted(path)));
  }

  private void forward(HttpServerRequest request, RouteMapping route, Decision decision) {
    URI upstream = URI.create(route.upstreamUrl());
    int port = upstream.getPort() > 0 ? upstream.getPort() : "https".equals(upstream.getScheme()) ? 443 : 80;
    SocketAddress address = SocketAddress.inetSocketAddress(port, upstream.getHost());
    HttpProxy.reverseProxy(OPTIONS, upstreams)
        // the request to the upstream is kept, to abort it when the upstream takes too long
        .origin(context -> context.client().request(new RequestOptions().setServer(address))
            .onSuccess(origin -> context.set(ORIGIN, origin)))
        .addInterceptor(new Forwarding(request, route, decision), true)
        .handle(request);
  }

  /** Rewrites what goes to the upstream, and turns a failure to reach it into the "not answering" page. */
  private final class Forwarding implements ProxyInterceptor {

    private final HttpServerRequest visitor;
    private final RouteMapping route;
    private final Caller caller;
    private final Authenticated workspaceSession;

    Forwarding(HttpServerRequest visitor, RouteMapping route, Decision decision) {
      this.visitor = visitor;
      this.route = route;
      this.caller = decision.caller();
      this.workspaceSession = decision.workspaceSession();
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
      MultiMap headers = context.request().headers();
      withoutOurCookies(headers);
      String authorization = headers.get(HttpHeaders.AUTHORIZATION);
      if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
        headers.remove(HttpHeaders.AUTHORIZATION);
      }
      USER_HEADERS.forEach(headers::remove);
      if (caller != null) {
        headers.set(USER_HEADERS.get(0), caller.userId().toString());
        headers.set(USER_HEADERS.get(1), caller.role());
        headers.set(USER_HEADERS.get(2), caller.username());
      }
      String hostHeader = visitor.authority() != null ? visitor.authority().toString() : visitor.getHeader(HttpHeaders.HOST);
      headers.set("X-Forwarded-Host", hostHeader);
      headers.set("X-Forwarded-Proto", isHttps(visitor) ? "https" : "http");
      headers.set("X-Forwarded-For", visitor.remoteAddress() == null ? "unknown" : visitor.remoteAddress().hostAddress());
      headers.set("X-Forwarded-Port", String.valueOf(visitor.authority() != null && visitor.authority().port() > 0
          ? visitor.authority().port() : visitor.localAddress().port()));
      Future<ProxyResponse> sent = context.sendRequest();
      if (!responseTimeout.isZero() && !context.isWebSocket()) {
        sent = answeredInTime(sent);
      }
      return sent
          .map(response -> {
            reportHealth(route, true);
            return response;
          })
          .recover(failure -> {
            boolean tooSlow = failure instanceof TimeoutException;
            LOG.info("workspace upstream {} for {} {}: {}", route.upstreamUrl(), route.host(),
                tooSlow ? "did not answer in time" : "is not answering", failure.toString());
            if (tooSlow) {
              HttpClientRequest origin = context.get(ORIGIN, HttpClientRequest.class);
              if (origin != null) {
                origin.reset();
              }
            } else {
              reportHealth(route, false); // a slow answer is no sign of a dead app; a refused connection is
            }
            String dashboard = urls.dashboardWorkspaceUrl(route.workspaceId());
            Buffer page = Buffer.buffer(tooSlow ? WorkspacePages.tooSlow(dashboard, responseTimeout.toSeconds())
                : WorkspacePages.notAnswering(dashboard));
            return Future.succeededFuture(context.request().release().response()
                .setStatusCode(tooSlow ? 504 : 502)
                .putHeader(HttpHeaders.CONTENT_TYPE, HTML)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .setBody(Body.body(page, MediaType.parse(HTML))));
          });
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

    @Override
    public Future<Void> handleProxyResponse(ProxyContext context) {
      if (!context.isWebSocket() || context.response().getStatusCode() != 101) {
        return context.sendResponse();
      }
      // after the upgrade the visitor's side is a NetSocket (the same one the proxy pipes); the
      // HTTP connection's close handler no longer runs, the socket's end handler does
      return context.sendResponse().onSuccess(upgraded -> visitor.toNetSocket().onSuccess(socket -> {
        metrics.webSocketOpened();
        if (workspaceSession != null) {
          sockets.opened(socket, workspaceSession, route.host(), metrics::webSocketClosed);
        } else {
          socket.endHandler(ended -> metrics.webSocketClosed());
        }
      }));
    }
  }

  /** Drops every {@code ds_*} cookie (dashboard session, CSRF, workspace session) from the Cookie header. */
  static void withoutOurCookies(MultiMap headers) {
    List<String> kept = new ArrayList<>();
    for (String header : headers.getAll(HttpHeaders.COOKIE)) {
      for (String pair : header.split(";")) {
        String trimmed = pair.trim();
        if (!trimmed.isEmpty() && !trimmed.regionMatches(true, 0, "ds_", 0, 3)) {
          kept.add(trimmed);
        }
      }
    }
    headers.remove(HttpHeaders.COOKIE);
    if (!kept.isEmpty()) {
      headers.set(HttpHeaders.COOKIE, String.join("; ", kept));
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
    vertx.eventBus().request(RoutingContract.SET_HEALTH, new JsonObject().put("host", route.host()).put("healthy", healthy))
        .onFailure(failure -> {
          reported.remove(route.host());
          LOG.warn("could not report {} as {}: {}", route.host(), healthy ? "healthy" : "unhealthy", failure.getMessage());
        });
  }

  static boolean isHttps(HttpServerRequest request) {
    return request.isSSL() || "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto"));
  }

  private static void page(HttpServerRequest request, int status, String html) {
    request.resume();
    request.response().setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, HTML)
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(html);
  }

  private static void redirect(HttpServerRequest request, String location) {
    request.resume();
    request.response().setStatusCode(302)
        .putHeader(HttpHeaders.LOCATION, location)
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end();
  }
}
