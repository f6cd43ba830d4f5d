package io.devsanctum.routing.infrastructure.proxy.traefik;

import io.devsanctum.common.contract.routing.RouteMapping;
import io.devsanctum.routing.config.TraefikConfig;
import io.devsanctum.routing.model.HostName;
import io.devsanctum.routing.service.ProxyConfigDocument;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Traefik v3 dynamic configuration (HTTP/file provider format) for the active routes: per
 * route a router {@code ws-<host>} matching exactly its host behind the shared forwardAuth
 * middleware, and a load-balancer service with a health check on the upstream.
 */
public class TraefikDynamicConfig implements ProxyConfigDocument {

  public static final String AUTHZ_MIDDLEWARE = "devsanctum-authz";
  /**
   * Exact-host rules never overlap each other; a fixed priority above rule-length defaults keeps them
   * ahead of catch-all routers (such as the dashboard's) however short the host is.
   */
  static final int ROUTER_PRIORITY = 1000;
  static final List<String> AUTH_RESPONSE_HEADERS =
      List.of("X-DevSanctum-User-Id", "X-DevSanctum-User-Role", "X-DevSanctum-Username");

  private static final Logger LOG = LoggerFactory.getLogger(TraefikDynamicConfig.class);

  private final TraefikConfig config;

  public TraefikDynamicConfig(TraefikConfig config) {
    this.config = config;
  }

  @Override
  public JsonObject render(List<RouteMapping> routes) {
    JsonObject routers = new JsonObject();
    JsonObject services = new JsonObject();
    // a stopped workspace's routes are kept but inactive: Traefik answers 404 for them
    routes.stream().filter(RouteMapping::active).sorted(Comparator.comparing(RouteMapping::host)).forEach(route -> {
      // the host goes into a backtick-quoted rule: anything but a DNS name could change the rule
      if (!HostName.isValid(route.host())) {
        LOG.error("route {} of workspace {} left out of the Traefik configuration: not a DNS host name",
            route.host(), route.workspaceId());
        return;
      }
      String name = routerName(route.host());
      routers.put(name, router(route.host(), name));
      services.put(name, service(route));
    });
    return new JsonObject().put("http", new JsonObject()
        .put("routers", routers)
        .put("services", services)
        .put("middlewares", new JsonObject().put(AUTHZ_MIDDLEWARE, authzMiddleware())));
  }

  /** Dots become '_', which hosts never contain, so distinct hosts keep distinct names. */
  static String routerName(String host) {
    return "ws-" + host.replace('.', '_');
  }

  private JsonObject router(String host, String service) {
    JsonObject router = new JsonObject()
        .put("rule", "Host(`" + host + "`)")
        .put("entryPoints", new JsonArray(config.entryPoints()))
        .put("priority", ROUTER_PRIORITY)
        .put("middlewares", new JsonArray().add(AUTHZ_MIDDLEWARE))
        .put("service", service);
    if (config.tls()) {
      router.put("tls", new JsonObject().put("certResolver", config.certResolver()));
    }
    return router;
  }

  private static JsonObject service(RouteMapping route) {
    return new JsonObject().put("loadBalancer", new JsonObject()
        .put("servers", new JsonArray().add(new JsonObject().put("url", route.upstreamUrl())))
        .put("passHostHeader", true)
        .put("healthCheck", new JsonObject()
            .put("path", route.healthPath())
            .put("interval", "10s")
            .put("timeout", "3s")));
  }

  private JsonObject authzMiddleware() {
    return new JsonObject().put("forwardAuth", new JsonObject()
        .put("address", config.authzUrl())
        .put("trustForwardHeader", true)
        .put("authResponseHeaders", new JsonArray(AUTH_RESPONSE_HEADERS)));
  }
}
