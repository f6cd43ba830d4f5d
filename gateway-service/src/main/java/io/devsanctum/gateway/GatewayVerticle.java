package io.devsanctum.gateway;

import io.devsanctum.gateway.route.AuditRoutes;
import io.devsanctum.common.contract.audit.AuditContract;
import io.devsanctum.gateway.audit.GatewayAuditLog;
import io.devsanctum.gateway.middleware.AuditRefusals;
import io.devsanctum.common.bus.Addresses;
import io.devsanctum.common.bus.TypedBus;
import io.devsanctum.common.config.DevSanctumConfig;
import io.devsanctum.common.contract.auth.AuthContract;
import io.devsanctum.common.contract.provisioner.ProvisionerContract;
import io.devsanctum.common.contract.routing.RoutingContract;
import io.devsanctum.common.contract.workspace.WorkspaceContract;
import io.devsanctum.common.runtime.HealthResponder;
import io.devsanctum.gateway.activity.ActivityReports;
import io.devsanctum.gateway.config.GatewayConfig;
import io.devsanctum.gateway.edge.HttpEdge;
import io.devsanctum.gateway.middleware.AuthenticationHandler;
import io.devsanctum.gateway.middleware.ChangeLogHandler;
import io.devsanctum.gateway.middleware.HeadAsGet;
import io.devsanctum.gateway.middleware.MethodNotAllowed;
import io.devsanctum.gateway.middleware.ProblemHandler;
import io.devsanctum.gateway.middleware.RequestIdHandler;
import io.devsanctum.gateway.middleware.SecurityHeaders;
import io.devsanctum.gateway.middleware.StrictJsonBody;
import io.devsanctum.gateway.openapi.ApiContract;
import io.devsanctum.gateway.proxy.WorkspaceProxy;
import io.devsanctum.gateway.proxy.WorkspaceUrls;
import io.devsanctum.gateway.route.AuthRoutes;
import io.devsanctum.gateway.route.DashboardRoutes;
import io.devsanctum.gateway.route.DocsRoutes;
import io.devsanctum.gateway.route.EventStreams;
import io.devsanctum.gateway.route.HealthRoutes;
import io.devsanctum.gateway.route.OAuthRoutes;
import io.devsanctum.gateway.route.SetupRoutes;
import io.devsanctum.gateway.route.TemplateRoutes;
import io.devsanctum.gateway.route.TraefikRoutes;
import io.devsanctum.gateway.route.UserRoutes;
import io.devsanctum.gateway.route.WorkspaceAccessRoutes;
import io.devsanctum.gateway.route.WorkspaceLinks;
import io.devsanctum.gateway.route.WorkspaceRoutes;
import io.devsanctum.gateway.routetable.RouteCache;
import io.devsanctum.gateway.security.AccessTokenVerifier;
import io.devsanctum.gateway.security.CredentialChecks;
import io.devsanctum.gateway.security.Credentials;
import io.devsanctum.gateway.security.LiveConnections;
import io.devsanctum.gateway.security.WorkspaceAccess;
import io.devsanctum.gateway.security.WorkspaceTokens;
import io.devsanctum.gateway.ssh.SshGateway;
import io.devsanctum.gateway.terminal.TerminalBridge;
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
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wiring of the gateway: the contract-first REST API, docs and health on one HTTP server, with the
 * built-in workspace proxy in front of it for {@code *.<base-domain>} hosts; Prometheus metrics on
 * a management listener of their own (loopback by default), off the public one.
 */
public class GatewayVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(GatewayVerticle.class);
  private static final long MAX_BODY_BYTES = 1024 * 1024;

  private final DevSanctumConfig config;
  private final PrometheusMeterRegistry metrics;
  private final Clock clock;
  private GatewayConfig gateway;
  private HttpEdge edge;
  private HttpServer server;
  private HttpServer management;
  private RouteCache routeCache;
  private CredentialChecks credentialChecks;
  private LiveConnections liveConnections;
  private AuthContract auth;
  private WorkspaceContract workspaces;
  private ProvisionerContract provisioner;
  private AuditContract audit;
  private GatewayAuditLog gatewayAudit;
  private SshGateway ssh;

  public GatewayVerticle(DevSanctumConfig config, PrometheusMeterRegistry metrics) {
    this(config, metrics, Clock.systemUTC());
  }

  /** {@code clock}: what the throttle of activity reports is measured by. */
  public GatewayVerticle(DevSanctumConfig config, PrometheusMeterRegistry metrics, Clock clock) {
    this.config = config;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** The port the server listens on (useful when configured as 0). */
  public int actualPort() {
    return server.actualPort();
  }

  /** The SSH listener's port, or -1 when there is none. */
  public int sshPort() {
    return ssh == null ? -1 : ssh.port();
  }

  /** Completes once the SSH listener accepts connections (at once when there is none). */
  public Future<Void> sshListening() {
    return ssh == null ? Future.succeededFuture() : ssh.whenListening();
  }

  /** The management listener's port (metrics), or -1 when there is none. */
  public int managementPort() {
    return management == null ? -1 : management.actualPort();
  }

  @Override
  public Future<?> start() {
    try {
      gateway = GatewayConfig.from(config.env(), config.http().host());
      edge = HttpEdge.from(config.env());
    } catch (RuntimeException invalid) {
      return Future.failedFuture(invalid);
    }
    routeCache = new RouteCache(vertx, metrics);
    credentialChecks = new CredentialChecks(vertx);
    var credentials = new Credentials(new AccessTokenVerifier(vertx), credentialChecks);
    liveConnections = new LiveConnections(vertx, credentials, credentialChecks);
    var urls = new WorkspaceUrls(config.http().baseDomain(), () -> config.http().dashboardUrl(actualPort()));
    auth = TypedBus.client(vertx, AuthContract.class, config.busTimeout());
    workspaces = TypedBus.client(vertx, WorkspaceContract.class, config.busTimeout());
    provisioner = TypedBus.client(vertx, ProvisionerContract.class, config.busTimeout());
    audit = TypedBus.client(vertx, AuditContract.class, config.busTimeout());
    gatewayAudit = new GatewayAuditLog(vertx, audit, metrics);
    var activity = new ActivityReports(workspaces, clock, metrics);
    liveConnections.start();
    Future<Void> credentialChecksStarted = credentialChecks.start();
    // the SSH listener (its host key from auth-service, MINA's and BouncyCastle's set-up on a worker)
    // starts beside the HTTP listener, not after it
    Future<Void> sshStarted = Future.succeededFuture();
    if (gateway.sshPort() >= 0) {
      ssh = new SshGateway(vertx, auth, workspaces, provisioner, credentials, liveConnections, activity,
          gatewayAudit, metrics);
      sshStarted = credentialChecksStarted.compose(checking -> ssh.start(gateway.sshHost(), gateway.sshPort()));
    }
    Future<HttpServer> httpStarted = Future.all(ApiContract.load(vertx),
            WorkspaceTokens.create(vertx, config.env().optional(WorkspaceTokens.SECRET_ENV)),
            routeCache.start(),
            credentialChecksStarted)
        .compose(loaded -> {
          ApiContract contract = loaded.resultAt(0);
          WorkspaceTokens tokens = loaded.resultAt(1);
          var access = new WorkspaceAccess(routeCache, tokens, credentials, metrics);
          var proxy = new WorkspaceProxy(vertx, routeCache, access, tokens, urls, liveConnections, workspaces,
              gateway.trustedProxies(), activity, gateway.proxyResponseTimeout(), gateway.proxyMaxConnections(), metrics);
          Router router = router(contract, credentials,
              new WorkspaceAccessRoutes(access, tokens, urls, gateway.trustedProxies(), activity, gatewayAudit),
              new WorkspaceLinks(routeCache, urls), activity);
          // workspace hosts go to the proxy before anything of the API (request ids, body handling) runs
          return vertx.createHttpServer(edge.serverOptions())
              .connectionHandler(edge::harden)
              .invalidRequestHandler(edge::invalidRequest)
              .requestHandler(edge.inFrontOf(proxy.inFrontOf(HttpEdge.checkingTargets(router))))
              .listen(config.http().port(), config.http().host());
        })
        .compose(listening -> {
          server = listening;
          return gateway.managementPort() < 0 ? Future.succeededFuture(listening) : managementServer().map(listening);
        });
    return Future.all(httpStarted, sshStarted)
        .map(started -> {
          HealthResponder.register(vertx, Addresses.GATEWAY, healthChecks());
          LOG.info("gateway listening on {}:{}{}", config.http().host(), server.actualPort(), management == null ? ""
              : "; metrics on http://" + gateway.managementHost() + ":" + management.actualPort() + "/metrics");
          return server;
        });
  }

  @Override
  public Future<?> stop() {
    if (routeCache != null) {
      routeCache.stop();
    }
    if (credentialChecks != null) {
      credentialChecks.stop();
    }
    if (liveConnections != null) {
      liveConnections.stop();
    }
    if (gatewayAudit != null) {
      gatewayAudit.stop();
    }
    return ssh == null ? Future.succeededFuture() : ssh.stop();
  }

  /**
   * Ready once it can serve everything it offers: workspace hosts need the route table, and SSH its
   * listener (which waits for auth-service's host key).
   */
  private Map<String, Supplier<Future<?>>> healthChecks() {
    Map<String, Supplier<Future<?>>> checks = new LinkedHashMap<>();
    checks.put("routeTable", () -> routeCache.loaded() ? Future.succeededFuture()
        : Future.failedFuture("the route table is not loaded yet"));
    if (ssh != null) {
      checks.put("ssh", () -> ssh.listening() ? Future.succeededFuture()
          : Future.failedFuture("the SSH listener waits for its host key"));
    }
    return checks;
  }

  /** Metrics for Prometheus, on their own listener: the public one serves people and workspaces only. */
  private Future<HttpServer> managementServer() {
    Router router = Router.router(vertx);
    router.get("/metrics").handler(PrometheusScrapingHandler.create(metrics));
    return vertx.createHttpServer(edge.serverOptions())
        .connectionHandler(edge::harden)
        .invalidRequestHandler(edge::invalidRequest)
        .requestHandler(router)
        .listen(gateway.managementPort(), gateway.managementHost())
        .onSuccess(listening -> management = listening);
  }

  private Router router(ApiContract contract, Credentials credentials,
      WorkspaceAccessRoutes workspaceAccess, WorkspaceLinks links, ActivityReports activity) {
    ProblemHandler problems = new ProblemHandler();

    var authentication = new AuthenticationHandler(contract, credentials);
    RouterBuilder api = RouterBuilder.create(vertx, contract.routing(), RequestExtractor.withBodyHandler())
        .rootHandler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES))
        .rootHandler(new StrictJsonBody())
        .rootHandler(authentication);
    new HealthRoutes(vertx).mount(api);
    new SetupRoutes(auth).mount(api);
    new AuthRoutes(auth, gateway.trustedProxies(), credentialChecks, config.http()).mount(api);
    new OAuthRoutes(auth, config.http(), gateway.trustedProxies()).mount(api);
    new UserRoutes(auth, workspaces).mount(api);
    new TemplateRoutes(workspaces, provisioner).mount(api);
    new WorkspaceRoutes(workspaces, new EventStreams(vertx, workspaces, links, liveConnections), links).mount(api);
    new TraefikRoutes(TypedBus.client(vertx, RoutingContract.class, config.busTimeout())).mount(api);
    workspaceAccess.mount(api);
    new AuditRoutes(audit).mount(api);
    Router apiRouter = api.createRouter();
    apiRouter.route().failureHandler(problems);

    // the request id comes before everything, so even a rejected body or an unknown path carries one
    Router router = Router.router(vertx);
    router.route().method(HttpMethod.HEAD).handler(new HeadAsGet());
    router.route().handler(new RequestIdHandler(gateway.trustedProxies()));
    router.route().handler(new ChangeLogHandler());
    router.route().handler(new AuditRefusals(contract, gatewayAudit));
    router.route().handler(new SecurityHeaders(gateway.trustedProxies()));
    new DocsRoutes(contract.document()).mount(router);
    new DashboardRoutes().mount(router);
    // the WebSocket upgrade must not meet the API's body handling, so the terminal sits outside it
    router.get("/api/v1/workspaces/:workspaceId/terminal")
        .handler(new TerminalBridge(vertx, workspaces, provisioner, authentication, liveConnections, activity)::handle);
    router.route("/*").subRouter(apiRouter);
    router.route().failureHandler(problems);
    router.errorHandler(404, problems);
    router.errorHandler(405, new MethodNotAllowed(contract::methodsAt));
    return router;
  }
}
