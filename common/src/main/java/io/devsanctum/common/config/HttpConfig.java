package io.devsanctum.common.config;

/**
 * The gateway's HTTP listener and the public addresses derived from it.
 *
 * @param host       bind address
 * @param port       listen port (0 picks a free one, for tests)
 * @param baseDomain workspaces are served at {@code <slug>.<baseDomain>}
 * @param publicUrl  the dashboard's URL as users reach it (null: derived from base domain and port)
 */
public record HttpConfig(String host, int port, String baseDomain, String publicUrl) {

  /** The dashboard URL for a listener that ended up on {@code actualPort}. */
  public String dashboardUrl(int actualPort) {
    return publicUrl != null ? publicUrl : "http://" + baseDomain + ":" + actualPort;
  }
}
