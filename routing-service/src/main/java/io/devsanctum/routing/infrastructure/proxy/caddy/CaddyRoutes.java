package io.devsanctum.routing.infrastructure.proxy.caddy;

import io.devsanctum.common.contract.routing.RouteMapping;
import io.devsanctum.routing.config.CaddyConfig;
import io.devsanctum.routing.model.HostName;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Caddy routes (Caddy's JSON configuration) of the active workspace routes. Each is addressed
 * by its {@code @id} ({@value #ID_PREFIX}{@code <host>}) and matches exactly its host; its handlers
 * are the forward-auth check against the gateway's {@code /internal/authz} (as Caddyfile's
 * {@code forward_auth} expands: a GET to the gateway with the visitor's headers and
 * {@code X-Forwarded-Method}/{@code -Uri}; a 2xx lets the request on with the user headers it
 * answered, anything else is the visitor's answer: sign-in redirect, 401, 404), then the reverse
 * proxy to the workspace's upstream, which carries WebSocket upgrades as they come. As the
 * built-in proxy does, our credentials stay behind: no {@code Authorization} and no {@code ds_*}
 * cookie reaches a workspace.
 */
public class CaddyRoutes {

  /** What tells DevSanctum's routes from the operator's own in the same server. */
  public static final String ID_PREFIX = "devsanctum-route-";
  static final List<String> AUTH_RESPONSE_HEADERS =
      List.of("X-DevSanctum-User-Id", "X-DevSanctum-User-Role", "X-DevSanctum-Username");
  /** A gateway that does not answer is retried (another one, when several are listed) for this long. */
  static final String AUTHZ_TRY_DURATION = "5s";
  /** Our cookies: first each one with the separator before it, then a separator left at the start. */
  private static final JsonArray WITHOUT_OUR_COOKIES = new JsonArray()
      .add(new JsonObject().put("search_regexp", "(?:^|;\\s*)ds_[A-Za-z0-9_-]+=[^;]*").put("replace", ""))
      .add(new JsonObject().put("search_regexp", "^;\\s*").put("replace", ""));

  private static final Logger LOG = LoggerFactory.getLogger(CaddyRoutes.class);

  private final CaddyConfig config;

  public CaddyRoutes(CaddyConfig config) {
    this.config = config;
  }

  /** The routes of the active mappings, ordered by host; a stopped workspace's are left out. */
  public List<JsonObject> render(List<RouteMapping> routes) {
    return routes.stream().filter(RouteMapping::active).sorted(Comparator.comparing(RouteMapping::host))
        .filter(CaddyRoutes::routable).map(this::route).toList();
  }

  /** Whether {@code route} (a route of Caddy's configuration) is one of ours. */
  public static boolean isOurs(Object route) {
    return route instanceof JsonObject object && object.getValue("@id") instanceof String id && id.startsWith(ID_PREFIX);
  }

  static String id(String host) {
    return ID_PREFIX + host;
  }

  private JsonObject route(RouteMapping route) {
    return new JsonObject()
        .put("@id", id(route.host()))
        .put("match", new JsonArray().add(new JsonObject().put("host", new JsonArray().add(route.host()))))
        .put("handle", new JsonArray().add(authorization()).add(upstream(URI.create(route.upstreamUrl()))))
        .put("terminal", true);
  }

  private JsonObject authorization() {
    URI first = config.authzUrls().get(0);
    JsonObject userHeaders = new JsonObject();
    for (String header : AUTH_RESPONSE_HEADERS) {
      // Caddy knows the answer's headers under their canonical names only; an absent one is set
      // empty, so whatever the visitor sent under these names never reaches the workspace
      String canonical = canonical(header);
      userHeaders.put(canonical, new JsonArray().add("{http.reverse_proxy.header." + canonical + "}"));
    }
    JsonArray onSuccess = new JsonArray().add(new JsonObject().put("handle", new JsonArray().add(new JsonObject()
        .put("handler", "headers")
        .put("request", new JsonObject().put("set", userHeaders)))));
    JsonObject handler = new JsonObject()
        .put("handler", "reverse_proxy")
        .put("upstreams", new JsonArray(config.authzUrls().stream().map(url -> new JsonObject().put("dial", dial(url)))
            .toList()))
        // "?" ends the query too: the visitor's query (a handoff token, say) stays in X-Forwarded-Uri only
        .put("rewrite", new JsonObject().put("method", "GET").put("uri", first.getRawPath() + "?"))
        .put("headers", new JsonObject().put("request", new JsonObject().put("set", new JsonObject()
            .put("X-Forwarded-Method", new JsonArray().add("{http.request.method}"))
            .put("X-Forwarded-Uri", new JsonArray().add("{http.request.uri}"))
            // the gateway's own name: with the workspace's, its built-in proxy would take the check for a visit
            .put("Host", new JsonArray().add("{http.reverse_proxy.upstream.hostport}")))))
        .put("load_balancing", new JsonObject().put("try_duration", AUTHZ_TRY_DURATION))
        .put("handle_response", new JsonArray().add(new JsonObject()
            .put("match", new JsonObject().put("status_code", new JsonArray().add(2)))
            .put("routes", onSuccess)));
    withTransport(handler, first);
    return handler;
  }

  private static JsonObject upstream(URI upstream) {
    JsonObject handler = new JsonObject()
        .put("handler", "reverse_proxy")
        .put("upstreams", new JsonArray().add(new JsonObject().put("dial", dial(upstream))))
        .put("headers", new JsonObject().put("request", new JsonObject()
            .put("delete", new JsonArray().add("Authorization"))
            .put("replace", new JsonObject().put("Cookie", WITHOUT_OUR_COOKIES))));
    withTransport(handler, upstream);
    return handler;
  }

  private static void withTransport(JsonObject handler, URI url) {
    if ("https".equals(url.getScheme())) {
      handler.put("transport", new JsonObject().put("protocol", "http").put("tls", new JsonObject()));
    }
  }

  /** host:port, the port the scheme's when the URL names none. */
  static String dial(URI url) {
    int port = url.getPort() != -1 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80;
    return url.getHost() + ":" + port;
  }

  /** Go's canonical MIME header form: X-DevSanctum-User-Id becomes X-Devsanctum-User-Id. */
  static String canonical(String header) {
    StringBuilder out = new StringBuilder(header.length());
    boolean upper = true;
    for (char c : header.toCharArray()) {
      out.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
      upper = c == '-';
    }
    return out.toString();
  }

  private static boolean routable(RouteMapping route) {
    // the host becomes a matcher and an @id (a path segment of the admin API): a DNS name only
    if (HostName.isValid(route.host())) {
      return true;
    }
    LOG.error("route {} of workspace {} left out of Caddy's configuration: not a DNS host name",
        route.host(), route.workspaceId());
    return false;
  }
}
