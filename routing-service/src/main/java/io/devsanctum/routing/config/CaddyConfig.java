package io.devsanctum.routing.config;

import io.devsanctum.common.config.ConfigException;
import io.devsanctum.common.config.Env;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;

/**
 * How routing-service drives Caddy through its admin API.
 *
 * @param adminUrl          Caddy's admin endpoint ({@value #ADMIN_URL}); keep it on loopback or a private network
 * @param server            the Caddy HTTP server whose routes DevSanctum keeps ({@value #SERVER}); its listeners
 *                          and TLS are the operator's
 * @param authzUrls         the gateways' {@code /internal/authz} as Caddy reaches them ({@value #AUTHZ_URL}), one
 *                          path for all; Caddy spreads the checks over them and skips one that is down
 * @param reconcileInterval how often Caddy's routes are compared with the route table ({@value #RECONCILE_INTERVAL})
 */
public record CaddyConfig(URI adminUrl, String server, List<URI> authzUrls, Duration reconcileInterval) {

  public static final String ADMIN_URL = "DEVSANCTUM_CADDY_ADMIN_URL";
  public static final String SERVER = "DEVSANCTUM_CADDY_SERVER";
  public static final String AUTHZ_URL = "DEVSANCTUM_CADDY_AUTHZ_URL";
  public static final String RECONCILE_INTERVAL = "DEVSANCTUM_CADDY_RECONCILE_INTERVAL_SECONDS";

  public CaddyConfig {
    authzUrls = List.copyOf(authzUrls);
  }

  static CaddyConfig from(Env env) {
    URI admin = httpUrl(ADMIN_URL, env.string(ADMIN_URL, "http://127.0.0.1:2019"));
    if (!"http".equals(admin.getScheme()) || hasPath(admin)) {
      throw new ConfigException(ADMIN_URL + " must be http://host:port (Caddy's admin listener), got '" + admin + "'");
    }
    String server = env.string(SERVER, "devsanctum");
    if (!server.matches("[A-Za-z0-9_-]{1,64}")) {
      throw new ConfigException(SERVER + " must be the name of a server in Caddy's apps.http.servers"
          + " (letters, digits, '_', '-'), got '" + server + "'");
    }
    List<URI> authz = env.list(AUTHZ_URL, List.of("http://127.0.0.1:8080/internal/authz")).stream()
        .map(url -> httpUrl(AUTHZ_URL, url)).toList();
    if (authz.isEmpty() || authz.stream().map(URI::getRawPath).distinct().count() != 1
        || authz.stream().map(URI::getScheme).distinct().count() != 1) {
      throw new ConfigException(AUTHZ_URL + " must be one or more gateway URLs with the same scheme and path,"
          + " such as http://gateway:8080/internal/authz");
    }
    int seconds = env.integer(RECONCILE_INTERVAL, 10);
    if (seconds < 1) {
      throw new ConfigException(RECONCILE_INTERVAL + " must be 1 or more seconds, got " + seconds);
    }
    return new CaddyConfig(admin, server, authz, Duration.ofSeconds(seconds));
  }

  private static URI httpUrl(String name, String value) {
    try {
      URI uri = new URI(value);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
          && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // answered below
    }
    throw new ConfigException(name + " must be an http(s)://host:port URL, got '" + value + "'");
  }

  private static boolean hasPath(URI uri) {
    return uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !"/".equals(uri.getRawPath());
  }
}
