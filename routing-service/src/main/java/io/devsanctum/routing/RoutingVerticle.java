package io.devsanctum.routing;

import io.devsanctum.common.bus.Addresses;
import io.devsanctum.common.bus.TypedBus;
import io.devsanctum.common.config.DevSanctumConfig;
import io.devsanctum.common.contract.routing.RoutingContract;
import io.devsanctum.common.db.PgPools;
import io.devsanctum.common.db.SchemaMigrator;
import io.devsanctum.common.runtime.HealthResponder;
import io.devsanctum.routing.config.RoutingConfig;
import io.devsanctum.routing.controller.RoutingEndpoint;
import io.devsanctum.routing.infrastructure.events.EventBusRouteEvents;
import io.devsanctum.routing.infrastructure.proxy.builtin.BuiltinProxyProvider;
import io.devsanctum.routing.infrastructure.proxy.caddy.CaddyProxyProvider;
import io.devsanctum.routing.infrastructure.proxy.traefik.TraefikDynamicConfig;
import io.devsanctum.routing.infrastructure.proxy.traefik.TraefikProxyProvider;
import io.devsanctum.routing.model.HostNaming;
import io.devsanctum.routing.repository.pg.PgRouteRepository;
import io.devsanctum.routing.service.ProxyProvider;
import io.devsanctum.routing.service.ProxyReconciler;
import io.devsanctum.routing.service.RouteChangeNotifier;
import io.devsanctum.routing.service.RouteRegistry;
import io.devsanctum.routing.service.RoutingMetrics;
import io.devsanctum.routing.service.TraefikDocumentService;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wiring of the routing-service: the route table, its events, the data plane and the Traefik HTTP-provider document. */
public class RoutingVerticle extends VerticleBase {

  public static final String SCHEMA = "routing";

  private static final Logger LOG = LoggerFactory.getLogger(RoutingVerticle.class);

  private final DevSanctumConfig config;
  private final MeterRegistry metrics;
  private Pool pool;
  private RouteChangeNotifier notifier;
  private ProxyReconciler reconciler;

  public RoutingVerticle(DevSanctumConfig config, MeterRegistry metrics) {
    this.config = config;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    RoutingConfig routing = RoutingConfig.from(config);
    return SchemaMigrator.migrate(vertx, config.database(), SCHEMA).compose(applied -> {
      pool = PgPools.create(vertx, config.database(), SCHEMA);
      var routes = new PgRouteRepository(pool);
      var traefikDocument = new TraefikDynamicConfig(routing.traefik());
      notifier = new RouteChangeNotifier(routes, proxyProvider(routing, traefikDocument),
          new EventBusRouteEvents(vertx), new RoutingMetrics(metrics));
      TypedBus.serve(vertx, RoutingContract.class, new RoutingEndpoint(
          new RouteRegistry(routes, new HostNaming(routing.baseDomain()), notifier),
          new TraefikDocumentService(routes, traefikDocument, routing.traefik().providerSecret())),
          TypedBus.FailureTranslator.NONE);
      HealthResponder.register(vertx, Addresses.ROUTING, Map.of("database", HealthResponder.database(pool)));
      // the provider (and the route gauge) reflect the table from the start, not from the first change
      Future<Void> first = notifier.syncProxy();
      if (routing.proxyProvider() != RoutingConfig.ProxyProviderKind.CADDY) {
        return first;
      }
      // Caddy keeps routes of its own that it loses when it restarts: the reconciler puts them back,
      // and catches up a Caddy that is not there yet when this service starts
      reconciler = new ProxyReconciler(vertx, notifier, routing.caddy().reconcileInterval());
      reconciler.start();
      return first.otherwiseEmpty();
    });
  }

  private ProxyProvider proxyProvider(RoutingConfig routing, TraefikDynamicConfig traefikDocument) {
    LOG.info("proxy provider: {}, {}", routing.proxyProvider(),
        routing.proxyProvider() == RoutingConfig.ProxyProviderKind.CADDY ? routing.caddy() : routing.traefik());
    return switch (routing.proxyProvider()) {
      case BUILTIN -> {
        if (routing.traefik().file() != null) {
          LOG.warn("DEVSANCTUM_TRAEFIK_FILE is ignored: it is written only with DEVSANCTUM_PROXY_PROVIDER=traefik");
        }
        yield new BuiltinProxyProvider();
      }
      case TRAEFIK -> {
        if (routing.traefik().providerSecret() == null) {
          LOG.warn("DEVSANCTUM_TRAEFIK_PROVIDER_SECRET is not set: Traefik's HTTP provider will be refused the document");
        }
        yield new TraefikProxyProvider(vertx, traefikDocument, routing.traefik().file());
      }
      case CADDY -> new CaddyProxyProvider(vertx, routing.caddy());
    };
  }

  @Override
  public Future<?> stop() {
    if (reconciler != null) {
      reconciler.stop();
    }
    if (pool == null) {
      return Future.succeededFuture();
    }
    // let a provider update under way finish with the pool it reads from
    return (notifier == null ? Future.succeededFuture() : notifier.settled()).eventually(pool::close);
  }
}
