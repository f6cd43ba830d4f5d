package io.devsanctum.gateway.middleware;

import io.devsanctum.gateway.security.TrustedProxies;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Browser security headers on every response of the dashboard, the API and the docs (Coder's
 * csp.go, hsts.go, nostore.go): a strict Content-Security-Policy (scripts only from this server, no
 * framing), nosniff, a Referrer-Policy, HSTS when served over https, and {@code Cache-Control:
 * no-store} on API responses (several of them carry tokens) unless a handler chose otherwise.
 */
public class SecurityHeaders implements Handler<RoutingContext> {

  /**
   * Scripts, styles, fonts and connections only from this origin ('self' covers its WebSockets).
   * Inline styles are allowed: the terminal (xterm.js) and Swagger UI set them; inline scripts are not.
   */
  public static final String CONTENT_SECURITY_POLICY = String.join("; ",
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "font-src 'self' data:",
      "connect-src 'self'",
      "worker-src 'self' blob:",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      "frame-ancestors 'none'");
  static final String HSTS = "max-age=31536000";

  private final TrustedProxies proxies;

  public SecurityHeaders(TrustedProxies proxies) {
    this.proxies = proxies;
  }

  @Override
  public void handle(RoutingContext ctx) {
    MultiMap headers = ctx.response().headers();
    apply(headers, CONTENT_SECURITY_POLICY);
    if (proxies.isHttps(ctx.request())) {
      headers.set("Strict-Transport-Security", HSTS);
    }
    String path = ctx.request().path();
    if (path != null && (path.startsWith("/api/") || path.startsWith("/internal/"))) {
      ctx.addHeadersEndHandler(v -> {
        if (!ctx.response().headers().contains(HttpHeaders.CACHE_CONTROL)) {
          ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        }
      });
    }
    ctx.next();
  }

  /** The headers every page of ours carries, with its own policy (the workspace proxy's pages have a stricter one). */
  public static void apply(MultiMap headers, String contentSecurityPolicy) {
    headers.set("Content-Security-Policy", contentSecurityPolicy);
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("X-Frame-Options", "DENY");
    headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
    headers.set("Cross-Origin-Opener-Policy", "same-origin");
  }
}
