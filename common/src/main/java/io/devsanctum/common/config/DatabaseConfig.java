package io.devsanctum.common.config;

import io.vertx.pgclient.PgConnectOptions;

/**
 * Where PostgreSQL is. {@code url} is a libpq-style URI
 * ({@code postgresql://user:password@host:port/database}); null means "embedded" in standalone mode.
 */
public record DatabaseConfig(String url, int poolSize) {

  public boolean isConfigured() {
    return url != null;
  }

  public DatabaseConfig withUrl(String newUrl) {
    return new DatabaseConfig(newUrl, poolSize);
  }

  public PgConnectOptions connectOptions() {
    if (url == null) {
      throw new ConfigException("DEVSANCTUM_DATABASE_URL is not set and no embedded database was started");
    }
    try {
      return PgConnectOptions.fromUri(url);
    } catch (RuntimeException e) {
      throw new ConfigException("DEVSANCTUM_DATABASE_URL is not a postgresql:// URI");
    }
  }

  /** The same server as a JDBC URL, for Flyway (which needs a blocking driver). */
  public String jdbcUrl() {
    PgConnectOptions options = connectOptions();
    return "jdbc:postgresql://" + options.getHost() + ":" + options.getPort() + "/" + options.getDatabase();
  }

  @Override
  public String toString() {
    // never print the password that the URL may carry
    return "DatabaseConfig[url=" + (url == null ? "embedded" : url.replaceAll("//[^@/]*@", "//***@"))
        + ", poolSize=" + poolSize + "]";
  }
}
