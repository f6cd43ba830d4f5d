package io.devsanctum.provisioner.config;

import io.devsanctum.common.config.ConfigException;
import io.devsanctum.common.config.Env;
import io.devsanctum.provisioner.model.DockerHost;
import io.devsanctum.provisioner.model.Ipv4Subnet;
import io.devsanctum.provisioner.model.SubnetPool;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The provisioner's settings.
 *
 * <ul>
 *   <li>{@code DEVSANCTUM_DOCKER_HOSTS}: comma-separated {@code id=endpoint}, endpoints {@code unix://}
 *       or {@code tcp://} (default {@code local=unix:///var/run/docker.sock})</li>
 *   <li>{@code DEVSANCTUM_DOCKER_HOST_<ID>_TLS_CERT_PATH}: for a tcp host with TLS, a directory with
 *       ca.pem, cert.pem and key.pem</li>
 *   <li>{@code DEVSANCTUM_DOCKER_HOST_<ID>_PUBLISH_ADDRESS}: the address that host publishes workspace
 *       ports on and the proxy reaches them at (default 127.0.0.1; never all interfaces)</li>
 *   <li>{@code DEVSANCTUM_DOCKER_HOST_<ID>_NETWORK_POOL}: the IPv4 range that host's owner networks
 *       get their subnets from (default 10.213.0.0/16)</li>
 *   <li>{@code DEVSANCTUM_DOCKER_HOST_<ID>_OWNER_SUBNET_PREFIX}: the prefix length of each owner's
 *       network, which bounds how many of an owner's workspaces run at once on the host (default 24:
 *       253 workspaces, 256 owners in the default pool)</li>
 *   <li>{@code DEVSANCTUM_DOCKER_HEALTH_INTERVAL_MS}: how often every host is checked (default 5000)</li>
 *   <li>{@code DEVSANCTUM_DOCKER_WORKERS}: threads for blocking Docker calls (default 16)</li>
 * </ul>
 * {@code <ID>} is the host id upper-cased with dashes as underscores.
 */
public record ProvisionerConfig(List<DockerHost> hosts, Duration healthInterval, int dockerWorkers) {

  public static final String HOSTS = "DEVSANCTUM_DOCKER_HOSTS";
  private static final String DEFAULT_HOST = "local=unix:///var/run/docker.sock";
  // host ids end up in labels and in variable names, so they are kept to a safe alphabet
  private static final Pattern HOST_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
  private static final Set<String> ALL_INTERFACES = Set.of("0.0.0.0", "::", "[::]");

  public ProvisionerConfig {
    hosts = List.copyOf(hosts);
  }

  public static ProvisionerConfig from(Env env) {
    List<DockerHost> hosts = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (String entry : env.list(HOSTS, List.of(DEFAULT_HOST))) {
      DockerHost host = host(env, entry);
      if (!ids.add(host.id())) {
        throw new ConfigException(HOSTS + " names host '" + host.id() + "' twice");
      }
      hosts.add(host);
    }
    if (hosts.isEmpty()) {
      throw new ConfigException(HOSTS + " lists no Docker host");
    }
    int intervalMs = env.integer("DEVSANCTUM_DOCKER_HEALTH_INTERVAL_MS", 5_000);
    int workers = env.integer("DEVSANCTUM_DOCKER_WORKERS", 16);
    if (intervalMs <= 0 || workers <= 0) {
      throw new ConfigException("DEVSANCTUM_DOCKER_HEALTH_INTERVAL_MS and DEVSANCTUM_DOCKER_WORKERS must be positive");
    }
    return new ProvisionerConfig(hosts, Duration.ofMillis(intervalMs), workers);
  }

  /** The prefix of a host's own variables: {@code DEVSANCTUM_DOCKER_HOST_<ID>_}. */
  public static String hostVariablePrefix(String hostId) {
    return "DEVSANCTUM_DOCKER_HOST_" + hostId.toUpperCase(Locale.ROOT).replace('-', '_') + "_";
  }

  private static DockerHost host(Env env, String entry) {
    int equals = entry.indexOf('=');
    if (equals < 0) {
      throw new ConfigException(HOSTS + " entries must be id=endpoint, got '" + entry + "'");
    }
    String id = entry.substring(0, equals).trim();
    if (!HOST_ID.matcher(id).matches()) {
      throw new ConfigException(HOSTS + ": host id '" + id + "' must be lower-case letters, digits and dashes");
    }
    URI endpoint = endpoint(id, entry.substring(equals + 1).trim());
    String prefix = hostVariablePrefix(id);
    Path tlsCertPath = env.path(prefix + "TLS_CERT_PATH", null);
    if (tlsCertPath != null) {
      checkTlsDirectory(prefix + "TLS_CERT_PATH", endpoint, tlsCertPath);
    }
    String publishAddress = env.string(prefix + "PUBLISH_ADDRESS", "127.0.0.1");
    if (ALL_INTERFACES.contains(publishAddress)) {
      throw new ConfigException(prefix + "PUBLISH_ADDRESS must be one address, never all interfaces ("
          + publishAddress + "): workspaces are reachable only through the proxy");
    }
    return new DockerHost(id, endpoint, tlsCertPath, publishAddress,
        networkPool(prefix + "NETWORK_POOL", prefix + "OWNER_SUBNET_PREFIX", env));
  }

  private static SubnetPool networkPool(String poolVariable, String blockVariable, Env env) {
    String range = env.string(poolVariable, null);
    int block = env.integer(blockVariable, SubnetPool.DEFAULT_BLOCK_PREFIX_LENGTH);
    Ipv4Subnet pool;
    try {
      pool = range == null ? SubnetPool.DEFAULT.range() : Ipv4Subnet.parse(range);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(poolVariable + ": " + e.getMessage());
    }
    try {
      return new SubnetPool(pool, block);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(poolVariable + ", " + blockVariable + ": " + e.getMessage());
    }
  }

  private static URI endpoint(String id, String value) {
    try {
      URI endpoint = URI.create(value);
      if ("unix".equals(endpoint.getScheme()) || "tcp".equals(endpoint.getScheme())) {
        return endpoint;
      }
    } catch (IllegalArgumentException e) {
      // reported below with the variable's name
    }
    throw new ConfigException(HOSTS + ": host '" + id + "' needs a unix:// or tcp:// endpoint, got '" + value + "'");
  }

  private static void checkTlsDirectory(String variable, URI endpoint, Path directory) {
    if (!"tcp".equals(endpoint.getScheme())) {
      throw new ConfigException(variable + " applies to tcp:// hosts only");
    }
    for (String file : List.of("ca.pem", "cert.pem", "key.pem")) {
      if (!Files.isReadable(directory.resolve(file))) {
        throw new ConfigException(variable + ": " + directory.resolve(file) + " is missing or unreadable");
      }
    }
  }
}
