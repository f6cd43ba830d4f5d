package io.devsanctum.common.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The configuration every service shares, read once from environment variables (the README lists them).
 * Every value has a default that makes standalone mode work on a laptop. A service reads its own
 * settings from {@link #env()} in its {@code config} package.
 */
public record DevSanctumConfig(
    HttpConfig http,
    DatabaseConfig database,
    ClusterConfig cluster,
    Path dataDir,
    Duration busTimeout,
    Env env) {

  public static DevSanctumConfig fromEnvironment() {
    return from(Env.system());
  }

  public static DevSanctumConfig from(Env env) {
    HttpConfig http = new HttpConfig(
        env.string("DEVSANCTUM_HTTP_HOST", "0.0.0.0"),
        env.port("DEVSANCTUM_HTTP_PORT", 8080),
        env.string("DEVSANCTUM_BASE_DOMAIN", "localhost"),
        env.optional("DEVSANCTUM_PUBLIC_URL"));
    DatabaseConfig database = new DatabaseConfig(
        env.optional("DEVSANCTUM_DATABASE_URL"),
        env.integer("DEVSANCTUM_DATABASE_POOL_SIZE", 8));
    ClusterConfig cluster = new ClusterConfig(
        env.string("DEVSANCTUM_CLUSTER_NAME", "devsanctum"),
        env.string("DEVSANCTUM_CLUSTER_HOST", "127.0.0.1"),
        env.port("DEVSANCTUM_CLUSTER_PORT", 5701),
        env.list("DEVSANCTUM_CLUSTER_MEMBERS", List.of("127.0.0.1")));
    Path dataDir = env.path("DEVSANCTUM_DATA_DIR",
        Path.of(System.getProperty("user.home"), ".devsanctum"));
    Duration busTimeout = Duration.ofMillis(env.integer("DEVSANCTUM_BUS_TIMEOUT_MS", 10_000));
    return new DevSanctumConfig(http, database, cluster, dataDir, busTimeout, env);
  }

  public DevSanctumConfig withDatabase(DatabaseConfig newDatabase) {
    return new DevSanctumConfig(http, newDatabase, cluster, dataDir, busTimeout, env);
  }

  public DevSanctumConfig withCluster(ClusterConfig newCluster) {
    return new DevSanctumConfig(http, database, newCluster, dataDir, busTimeout, env);
  }
}
