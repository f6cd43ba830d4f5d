package io.devsanctum.common.testkit;

import io.devsanctum.common.config.DatabaseConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A real PostgreSQL for service tests: one embedded server per JVM (started on first use, stopped
 * at JVM exit) and a fresh empty database for every call, so tests never see each other's rows.
 */
public final class TestDatabase {

  private static EmbeddedPostgres server;

  private TestDatabase() {
  }

  public static synchronized DatabaseConfig freshDatabase() {
    EmbeddedPostgres postgres = server();
    String name = "t_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
         Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database " + name, e);
    }
    return new DatabaseConfig("postgresql://postgres:postgres@127.0.0.1:" + postgres.getPort() + "/" + name, 4);
  }

  private static EmbeddedPostgres server() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
      }
      EmbeddedPostgres started = server;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          started.close();
        } catch (IOException ignored) {
          // the JVM is exiting; the temporary data directory is removed either way
        }
      }, "test-database-shutdown"));
    }
    return server;
  }
}
