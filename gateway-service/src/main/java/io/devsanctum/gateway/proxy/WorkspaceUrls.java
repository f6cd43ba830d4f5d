package io.devsanctum.gateway.proxy;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Which hosts are workspace hosts ({@code *.<baseDomain>}), and the URLs between a workspace and
 * the dashboard: the handoff, the sign-in page, the workspace's page in the dashboard.
 */
public final class WorkspaceUrls {

  public static final String AUTH_PATH = "/.devsanctum/auth";
  /** Where a stopped workspace's page posts its owner's Start button. */
  public static final String START_PATH = "/.devsanctum/start";
  public static final String HANDOFF_PATH = "/api/v1/workspace-access/handoff";

  private final String suffix;
  private final Supplier<String> dashboardUrl;
  /** The scheme and port every workspace host opens with, from the dashboard's URL, worked out once. */
  private volatile String[] hostUrlParts;

  /** {@code dashboardUrl}: known only once the gateway listens (its port may be picked at start). */
  public WorkspaceUrls(String baseDomain, Supplier<String> dashboardUrl) {
    this.suffix = "." + baseDomain.toLowerCase(Locale.ROOT);
    this.dashboardUrl = dashboardUrl;
  }

  /** The host of a Host header (or X-Forwarded-Host) without port, lowercased; null when absent. */
  public static String hostOnly(String hostHeader) {
    if (hostHeader == null || hostHeader.isBlank()) {
      return null;
    }
    String host = hostHeader.trim().toLowerCase(Locale.ROOT);
    if (host.startsWith("[")) {
      return host; // an IPv6 literal is never a workspace host
    }
    int colon = host.indexOf(':');
    host = colon < 0 ? host : host.substring(0, colon);
    return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
  }

  public boolean isWorkspaceHost(String host) {
    return host != null && host.length() > suffix.length() && host.endsWith(suffix);
  }

  public String dashboard() {
    String url = dashboardUrl.get();
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  public String handoffUrl(String host, String path) {
    return dashboard() + HANDOFF_PATH + "?host=" + encode(host) + "&path=" + encode(safePath(path));
  }

  public String signInUrl(String returnTo) {
    return dashboard() + "/sign-in?returnTo=" + encode(returnTo);
  }

  public String dashboardWorkspaceUrl(UUID workspaceId) {
    return dashboard() + "/workspaces/" + workspaceId;
  }

  /** Where a workspace host opens: the dashboard's scheme and port, the workspace's host. */
  public String hostUrl(String host) {
    String[] parts = hostUrlParts;
    if (parts == null) {
      URI dashboard = URI.create(dashboard());
      parts = new String[] {dashboard.getScheme() + "://", dashboard.getPort() < 0 ? "" : ":" + dashboard.getPort()};
      hostUrlParts = parts;
    }
    return parts[0] + host + parts[1];
  }

  /** The workspace's token exchange URL on its own host. */
  public String exchangeUrl(String host, String token, String path) {
    return hostUrl(host) + AUTH_PATH + "?token=" + encode(token) + "&path=" + encode(safePath(path));
  }

  /** Only a local absolute path may be a redirect target; anything else (//evil, http:…) becomes "/". */
  public static String safePath(String path) {
    if (path == null || !path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")
        || path.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      return "/";
    }
    return path;
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
