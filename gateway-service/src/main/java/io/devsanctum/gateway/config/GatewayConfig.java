package io.devsanctum.gateway.config;

import io.devsanctum.common.config.ConfigException;
import io.devsanctum.common.config.Env;
import io.devsanctum.gateway.security.TrustedProxies;
import java.time.Duration;
import java.util.List;

/**
 * The gateway's own settings, read from the environment.
 *
 * @param trustedProxies   the proxies whose forwarding headers are believed ({@value #TRUSTED_PROXIES})
 * @param managementHost   where the management listener (/metrics) binds ({@value #MANAGEMENT_HOST})
 * @param managementPort   its port, 0 for a free one, -1 for none ({@value #MANAGEMENT_PORT})
 * @param proxyResponseTimeout how long a workspace's app may take to start answering (zero: no limit)
 * @param proxyMaxConnections  HTTP connections the built-in proxy keeps open to one upstream at most
 *                             ({@value #PROXY_MAX_CONNECTIONS}); WebSockets are not counted
 * @param sshHost          where the SSH listener binds ({@value #SSH_HOST}; the HTTP host by default)
 * @param sshPort          its port, 0 for a free one, -1 for none ({@value #SSH_PORT})
 */
public record GatewayConfig(TrustedProxies trustedProxies, String managementHost, int managementPort,
    Duration proxyResponseTimeout, int proxyMaxConnections, String sshHost, int sshPort) {

  public static final String SSH_HOST = "DEVSANCTUM_SSH_HOST";
  public static final String SSH_PORT = "DEVSANCTUM_SSH_PORT";

  public static final String TRUSTED_PROXIES = "DEVSANCTUM_TRUSTED_PROXIES";
  public static final String MANAGEMENT_HOST = "DEVSANCTUM_MANAGEMENT_HOST";
  public static final String MANAGEMENT_PORT = "DEVSANCTUM_MANAGEMENT_PORT";
  public static final String PROXY_RESPONSE_TIMEOUT = "DEVSANCTUM_PROXY_RESPONSE_TIMEOUT_SECONDS";
  public static final String PROXY_MAX_CONNECTIONS = "DEVSANCTUM_PROXY_MAX_CONNECTIONS_PER_UPSTREAM";

  /** {@code httpHost}: where the HTTP listener binds, the SSH listener's default. */
  public static GatewayConfig from(Env env, String httpHost) {
    int timeoutSeconds = env.integer(PROXY_RESPONSE_TIMEOUT, 120);
    if (timeoutSeconds < 0) {
      throw new ConfigException(PROXY_RESPONSE_TIMEOUT + " must be 0 (no limit) or more seconds");
    }
    int managementPort = env.integer(MANAGEMENT_PORT, 9180);
    if (managementPort < -1 || managementPort > 65535) {
      throw new ConfigException(MANAGEMENT_PORT + " must be a port, 0 for a free one, or -1 for no management listener");
    }
    // as many as an app's visitors keep busy at once; beyond it, requests wait for a connection
    int maxConnections = env.integer(PROXY_MAX_CONNECTIONS, 1024);
    if (maxConnections < 1) {
      throw new ConfigException(PROXY_MAX_CONNECTIONS + " must be at least 1");
    }
    int sshPort = env.integer(SSH_PORT, 2222);
    if (sshPort < -1 || sshPort > 65535) {
      throw new ConfigException(SSH_PORT + " must be a port, 0 for a free one, or -1 for no SSH listener");
    }
    return new GatewayConfig(TrustedProxies.of(env.list(TRUSTED_PROXIES, List.of()), TRUSTED_PROXIES),
        env.string(MANAGEMENT_HOST, "127.0.0.1"), managementPort, Duration.ofSeconds(timeoutSeconds), maxConnections,
        env.string(SSH_HOST, httpHost), sshPort);
  }
}
