package io.devsanctum.gateway;

import io.devsanctum.common.bus.Addresses;
import io.devsanctum.common.config.ConfigException;
import io.devsanctum.common.config.DevSanctumConfig;
import io.devsanctum.common.runtime.HealthResponder;
import io.devsanctum.gateway.client.ServiceClient;
import io.devsanctum.gateway.edge.HttpEdge;
import io.devsanctum.gateway.middleware.AuthenticationHandler;
import io.devsanctum.gateway.middleware.HeadAsGet;
import io.devsanctum.gateway.middleware.MethodNotAllowed;
import io.devsanctum.gateway.middleware.ProblemHandler;
import io.devsanctum.gateway.middleware.RequestIdHandler;
import io.devsanctum.gateway.middleware.StrictJsonBody;
import io.devsanctum.gateway.proxy.OpenWorkspaceSockets;
import io.devsanctum.gateway.proxy.RouteCache;
import io.devsanctum.gateway.proxy.WorkspaceAccess;
import io.devsanctum.gateway.proxy.WorkspaceProxy;
import io.devsanctum.gateway.proxy.WorkspaceTokens;
import io.devsanctum.gateway.proxy.WorkspaceUrls;
import io.devsanctum.gateway.route.WorkspaceAccessRoutes;
import io.devsanctum.gateway.route.ApiContract;
import io.devsanctum.gateway.route.AuthRoutes;
import io.devsanctum.gateway.route.DashboardRoutes;
import io.devsanctum.gateway.route.EventStreams;
import io.devsanctum.gateway.route.OAuthRoutes;
import io.devsanctum.gateway.route.TemplateRoutes;
import io.devsanctum.gateway.route.TraefikRoutes;
import io.devsanctum.gateway.route.UserRoutes;
import io.devsanctum.gateway.route.WorkspaceLinks;
import io.devsanctum.gateway.route.WorkspaceRoutes;
import io.devsanctum.gateway.security.AccessTokenVerifier;
import io.devsanctum.gateway.security.BearerCredentials;
import io.devsanctum.gateway.security.SessionChecks;
import io.devsanctum.gateway.terminal.TerminalBridge;
import io.devsanctum.gateway.route.DocsRoutes;
import io.devsanctum.gateway.route.HealthRoutes;
import io.devsanctum.gateway.route.SetupRoutes;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wiring of the gateway: the contract-first REST API, docs, metrics and health on one HTTP server,
 * with the built-in workspace proxy in front of it for {@code *.<base-domain>} hosts.
 */
public class GatewayVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(GatewayVerticle.class);
  private static final long MAX_BODY_BYTES = 1024 * 1024;
  /** How long a workspace's app may take to start answering through the built-in proxy. */
  static final String PROXY_RESPONSE_TIMEOUT = "DEVSANCTUM_PROXY_RESPONSE_TIMEOUT_SECONDS";

  private final DevSanctumConfig config;
  private final PrometheusMeterRegistry metrics;
  private HttpServer server;
  private RouteCache routeCache;
  private SessionChecks sessionChecks;

  public GatewayVerticle(DevSanctumConfig config, PrometheusMeterRegistry metrics) {
    this.config = config;
    this.metrics = metrics;
  }

  /** The port the server listens on (useful when configured as 0). */
  public int actualPort() {
    return server.actualPort();
  }

  @Override
  public Future<?> start() {
    routeCache = new RouteCache(vertx, metrics);
    sessionChecks = new SessionChecks(vertx);
    var urls = new WorkspaceUrls(config.http().baseDomain(), () -> config.http().dashboardUrl(actualPort()));
    var accessTokens = new AccessTokenVerifier(vertx);
    var services = new ServiceClient(vertx, config.busTimeout());
    int timeoutSeconds = config.env().integer(PROXY_RESPONSE_TIMEOUT, 120);
    if (timeoutSeconds < 0) {
      return Future.failedFuture(new ConfigException(PROXY_RESPONSE_TIMEOUT + " must be 0 (no limit) or more seconds"));
    }
    Duration responseTimeout = Duration.ofSeconds(timeoutSeconds);
    HttpEdge edge = HttpEdge.from(config.env());
    return Future.all(ApiContract.load(vertx),
            WorkspaceTokens.create(vertx, config.env().optional(WorkspaceTokens.SECRET_ENV)),
            routeCache.start(),
            sessionChecks.start())
        .compose(loaded -> {
          ApiContract contract = loaded.resultAt(0);
          WorkspaceTokens tokens = loaded.resultAt(1);
          var access = new WorkspaceAccess(routeCache, tokens, new BearerCredentials(services, accessTokens), sessionChecks,
              metrics);
          var proxy = new WorkspaceProxy(vertx, routeCache, access, tokens, urls,
              new OpenWorkspaceSockets(sessionChecks, routeCache), responseTimeout, metrics);
          Router router = router(contract, services, accessTokens, new WorkspaceAccessRoutes(access, tokens, urls),
              new WorkspaceLinks(routeCache, urls));
          // workspace hosts go to the proxy before anything of the API (request ids, body handling) runs
          return vertx.createHttpServer(edge.serverOptions())
              .connectionHandler(edge::harden)
              .invalidRequestHandler(edge::invalidRequest)
              .requestHandler(edge.inFrontOf(proxy.inFrontOf(HttpEdge.checkingTargets(router))))
              .listen(config.http().port(), config.http().host());
        })
        .map(listening -> {
          server = listening;
          HealthResponder.register(vertx, Addresses.GATEWAY, Map.of());
          LOG.info("gateway listening on {}:{}", config.http().host(), listening.actualPort());
          return listening;
        });
  }

  @Override
  public Future<?> stop() {
    if (routeCache != null) {
      routeCache.stop();
    }
    if (sessionChecks != null) {
      sessionChecks.stop();
    }
    return Future.succeededFuture();
  }

  private Router router(ApiContract contract, ServiceClient services, AccessTokenVerifier accessTokens,
      WorkspaceAccessRoutes workspaceAccess, WorkspaceLinks links) {
    ProblemHandler problems = new ProblemHandler();

    var authentication = new AuthenticationHandler(contract, accessTokens, new BearerCredentials(services, accessTokens));
    RouterBuilder api = RouterBuilder.create(vertx, contract.routing(), RequestExtractor.withBodyHandler())
        .rootHandler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES))
        .rootHandler(new StrictJsonBody())
        .rootHandler(authentication);
    new HealthRoutes(services).mount(api);
    new SetupRoutes(services).mount(api);
    new AuthRoutes(services).mount(api);
    new OAuthRoutes(services, config.http()).mount(api);
    new UserRoutes(services).mount(api);
    new TemplateRoutes(services).mount(api);
    new WorkspaceRoutes(services, new EventStreams(vertx, services, links), links).mount(api);
    new TraefikRoutes(services).mount(api);
    workspaceAccess.mount(api);
    Router apiRouter = api.createRouter();
    apiRouter.route().failureHandler(problems);

    // the request id comes before everything, so even a rejected body or an unknown path carries one
    Router router = Router.router(vertx);
    router.route().method(HttpMethod.HEAD).handler(new HeadAsGet());
    router.route().handler(new RequestIdHandler());
    router.get("/metrics").handler(PrometheusScrapingHandler.create(metrics));
    new DocsRoutes(contract.document()).mount(router);
    new DashboardRoutes().mount(router);
    // the WebSocket upgrade must not meet the API's body handling, so the terminal sits outside it
    router.get("/api/v1/workspaces/:workspaceId/terminal").handler(new TerminalBridge(vertx, services, authentication)::handle);
    router.route("/*").subRouter(apiRouter);
    router.route().failureHandler(problems);
    router.errorHandler(404, problems);
    router.errorHandler(405, new MethodNotAllowed(contract::methodsAt));
    return router;
  }
}
