package io.devsanctum.gateway.security;

import io.vertx.core.http.HttpServerRequest;
import java.net.URI;

/**
 * Whether a browser sent a request from this server's own pages. Cookies alone cannot tell:
 * SameSite=Lax cookies also come with requests from same-site pages, and every workspace host is
 * same-site with the dashboard. A browser says where a request comes from in
 * {@code Sec-Fetch-Site} (modern browsers) or {@code Origin}; a request with neither comes from no
 * browser page (a CLI, curl), which cannot ride on a visitor's cookies.
 */
public final class BrowserOrigin {

  private BrowserOrigin() {
  }

  /** True unless the request came from another origin's page. */
  public static boolean isSameOrigin(HttpServerRequest request) {
    String fetchSite = request.getHeader("Sec-Fetch-Site");
    if (fetchSite != null) {
      return "same-origin".equalsIgnoreCase(fetchSite) || "none".equalsIgnoreCase(fetchSite);
    }
    String origin = request.getHeader("Origin");
    if (origin == null) {
      return true;
    }
    if (request.authority() == null) {
      return false;
    }
    try {
      URI uri = URI.create(origin);
      if (uri.getHost() == null) {
        return false; // "null" (sandboxed or file pages) and other opaque origins
      }
      String authority = uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
      return authority.equalsIgnoreCase(request.authority().toString());
    } catch (IllegalArgumentException malformed) {
      return false;
    }
  }
}
