package io.devsanctum.routing.config;

import io.devsanctum.common.config.ConfigException;
import io.devsanctum.common.config.DevSanctumConfig;
import io.devsanctum.common.config.Env;
import io.devsanctum.routing.model.HostName;
import java.util.List;
import java.util.Locale;

/**
 * routing-service settings.
 *
 * <ul>
 *   <li>{@code DEVSANCTUM_PROXY_PROVIDER}: {@code builtin} (default), {@code traefik} or {@code caddy}, the
 *       data plane routing-service keeps in line with the route table. The built-in proxy lives in the
 *       gateway and follows route-changed events, so on this side it needs nothing. {@code traefik}
 *       additionally writes {@code DEVSANCTUM_TRAEFIK_FILE} when set. {@code caddy} pushes the routes
 *       to Caddy's admin API ({@link CaddyConfig}). The Traefik document is served on the bus with any
 *       choice, behind the provider secret.</li>
 *   <li>{@code DEVSANCTUM_TRAEFIK_ENTRYPOINTS} (default {@code web}, or {@code websecure} with TLS),
 *       {@code DEVSANCTUM_TRAEFIK_TLS} (false), {@code DEVSANCTUM_TRAEFIK_CERT_RESOLVER} (letsencrypt),
 *       {@code DEVSANCTUM_TRAEFIK_AUTHZ_URL} (http://gateway:8080/internal/authz),
 *       {@code DEVSANCTUM_TRAEFIK_PROVIDER_SECRET} (unset: the document is refused to everyone),
 *       {@code DEVSANCTUM_TRAEFIK_FILE} (unset: no file).</li>
 * </ul>
 */
public record RoutingConfig(String baseDomain, ProxyProviderKind proxyProvider, TraefikConfig traefik,
    CaddyConfig caddy) {

  public enum ProxyProviderKind { BUILTIN, TRAEFIK, CADDY }

  public static RoutingConfig from(DevSanctumConfig config) {
    Env env = config.env();
    String baseDomain = config.http().baseDomain().toLowerCase(Locale.ROOT);
    if (!HostName.isValid(baseDomain)) {
      throw new ConfigException("DEVSANCTUM_BASE_DOMAIN must be a DNS name (a-z, 0-9, '-', '.'), got '"
          + baseDomain + "'");
    }
    boolean tls = env.bool("DEVSANCTUM_TRAEFIK_TLS", false);
    TraefikConfig traefik = new TraefikConfig(
        env.list("DEVSANCTUM_TRAEFIK_ENTRYPOINTS", List.of(tls ? "websecure" : "web")),
        tls,
        env.string("DEVSANCTUM_TRAEFIK_CERT_RESOLVER", "letsencrypt"),
        env.string("DEVSANCTUM_TRAEFIK_AUTHZ_URL", "http://gateway:8080/internal/authz"),
        env.optional("DEVSANCTUM_TRAEFIK_PROVIDER_SECRET"),
        env.path("DEVSANCTUM_TRAEFIK_FILE", null));
    ProxyProviderKind provider = proxyProvider(env);
    // Caddy's settings are checked only when Caddy is the data plane: nobody else reads them
    return new RoutingConfig(baseDomain, provider, traefik,
        provider == ProxyProviderKind.CADDY ? CaddyConfig.from(env) : null);
  }

  private static ProxyProviderKind proxyProvider(Env env) {
    String value = env.string("DEVSANCTUM_PROXY_PROVIDER", "builtin");
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "builtin" -> ProxyProviderKind.BUILTIN;
      case "traefik" -> ProxyProviderKind.TRAEFIK;
      case "caddy" -> ProxyProviderKind.CADDY;
      default -> throw new ConfigException("DEVSANCTUM_PROXY_PROVIDER must be builtin, traefik or caddy, got '"
          + value + "'");
    };
  }
}
