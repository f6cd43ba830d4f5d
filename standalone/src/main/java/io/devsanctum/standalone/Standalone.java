package io.devsanctum.standalone;

import io.devsanctum.auth.AuthVerticle;
import io.devsanctum.common.config.DevSanctumConfig;
import io.devsanctum.common.runtime.Exits;
import io.devsanctum.common.runtime.VertxFactory;
import io.devsanctum.common.runtime.VertxRuntime;
import io.devsanctum.gateway.GatewayVerticle;
import io.devsanctum.provisioner.ProvisionerVerticle;
import io.devsanctum.routing.RoutingVerticle;
import io.devsanctum.workspace.WorkspaceVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every service in one JVM on a local event bus, the default way to run DevSanctum. Starts an
 * embedded PostgreSQL when {@code DEVSANCTUM_DATABASE_URL} is unset.
 */
public final class Standalone {

  private static final Logger LOG = LoggerFactory.getLogger(Standalone.class);

  private Standalone() {
  }

  public static void run(DevSanctumConfig configured) throws IOException {
    long started = System.nanoTime();
    EmbeddedDatabase embedded = configured.database().isConfigured() ? null : EmbeddedDatabase.start(configured.dataDir(),
        configured.env());
    DevSanctumConfig config = embedded == null
        ? configured
        : configured.withDatabase(configured.database().withUrl(embedded.url()));

    VertxRuntime runtime = VertxFactory.local();
    Vertx vertx = runtime.vertx();
    GatewayVerticle gateway = new GatewayVerticle(config, runtime.meterRegistry());
    // the gateway goes last so that the URL is announced only once every service answers
    Future.all(
            vertx.deployVerticle(new AuthVerticle(config, runtime.meterRegistry())),
            vertx.deployVerticle(new WorkspaceVerticle(config, runtime.meterRegistry())),
            vertx.deployVerticle(new ProvisionerVerticle(config, runtime.meterRegistry())),
            vertx.deployVerticle(new RoutingVerticle(config, runtime.meterRegistry())))
        .compose(services -> vertx.deployVerticle(gateway))
        .onSuccess(id -> LOG.info("DevSanctum is ready in {} ms. Open {}",
            (System.nanoTime() - started) / 1_000_000, config.http().dashboardUrl(gateway.actualPort())))
        .onFailure(e -> {
          LOG.error("DevSanctum failed to start", e);
          Exits.exit(1);
        });

    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      vertx.close().await();
      if (embedded != null) {
        try {
          embedded.close();
        } catch (IOException e) {
          LOG.warn("embedded PostgreSQL did not stop cleanly", e);
        }
      }
    }, "devsanctum-shutdown"));
  }
}
