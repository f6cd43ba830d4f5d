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
 * A real PostgreSQL for tests: one embedded server per JVM, and a fresh empty database per call
 * so tests never see each other's rows.
 */
public final class TestDatabase {

  private static EmbeddedPostgres server;

  private TestDatabase() {
  }

  public static synchronized DatabaseConfig freshDatabase() {
    try {
      if (server == null) {
        server = EmbeddedPostgres.builder().start();
        EmbeddedPostgres started = server;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            started.close();
          } catch (IOException ignored) {
            // the JVM is exiting; the temporary data directory goes with it
          }
        }));
      }
      String name = "t_" + UUID.randomUUID().toString().replace("-", "");
      try (Connection connection = server.getPostgresDatabase().getConnection();
           Statement statement = connection.createStatement()) {
        statement.execute("CREATE DATABASE " + name);
      }
      return new DatabaseConfig("postgresql://postgres:postgres@127.0.0.1:" + server.getPort() + "/" + name, 4);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create a test database", e);
    }
  }
}
