package io.devsanctum.standalone;

import io.devsanctum.auth.AuthVerticle;
import io.devsanctum.common.config.DevSanctumConfig;
import io.devsanctum.common.runtime.ApiDocumentPreload;
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
import java.lang.management.ManagementFactory;
import java.util.concurrent.CompletableFuture;
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

  public static void run(DevSanctumConfig configured) {
    long started = System.nanoTime();
    ApiDocumentPreload.start();
    warnWithoutMaxHeap();
    // the embedded PostgreSQL starts on a thread of its own while Vert.x, the provisioner and the
    // gateway (which need no database) start here: a start costs about the longer of the two, not both
    CompletableFuture<EmbeddedDatabase> embedded = new CompletableFuture<>();
    if (configured.database().isConfigured()) {
      embedded.complete(null);
    } else {
      new Thread(() -> {
        try {
          embedded.complete(EmbeddedDatabase.start(configured.dataDir(), configured.env()));
        } catch (IOException | RuntimeException failed) {
          embedded.completeExceptionally(failed);
        }
      }, "embedded-postgres").start();
    }

    VertxRuntime runtime = VertxFactory.local();
    Vertx vertx = runtime.vertx();
    GatewayVerticle gateway = new GatewayVerticle(configured, runtime.meterRegistry());
    Future<String> withoutDatabase = Future.all(
            vertx.deployVerticle(new ProvisionerVerticle(configured, runtime.meterRegistry())),
            vertx.deployVerticle(gateway))
        .map("provisioner and gateway");
    Future<DevSanctumConfig> database = Future.fromCompletionStage(embedded).map(postgres -> postgres == null
        ? configured
        : configured.withDatabase(configured.database().withUrl(postgres.url())));
    Future<String> withDatabase = database.compose(config -> Future.all(
            vertx.deployVerticle(new AuthVerticle(config, runtime.meterRegistry())),
            vertx.deployVerticle(new WorkspaceVerticle(config, runtime.meterRegistry())),
            vertx.deployVerticle(new RoutingVerticle(config, runtime.meterRegistry())))
        .map("auth, workspace and routing"));
    // the URL is announced once every service answers and SSH listens (with auth-service's host key)
    Future.all(withoutDatabase, withDatabase)
        .compose(all -> gateway.sshListening())
        .onSuccess(all -> LOG.info("DevSanctum is ready in {} ms ({} ms since the JVM started). Open {}",
            (System.nanoTime() - started) / 1_000_000, ManagementFactory.getRuntimeMXBean().getUptime(),
            configured.http().dashboardUrl(gateway.actualPort())))
        .onFailure(e -> {
          LOG.error("DevSanctum failed to start", e);
          Exits.exit(1);
        });

    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      vertx.close().await();
      EmbeddedDatabase postgres = embedded.getNow(null);
      if (postgres != null) {
        try {
          postgres.close();
        } catch (IOException e) {
          LOG.warn("embedded PostgreSQL did not stop cleanly", e);
        }
      }
    }, "devsanctum-shutdown"));
  }

  /** A JVM given no maximum heap may take a quarter of the machine's memory, and keeps what it took. */
  private static void warnWithoutMaxHeap() {
    boolean bounded = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .anyMatch(option -> option.startsWith("-Xmx") || option.startsWith("-XX:MaxHeapSize")
            || option.startsWith("-XX:MaxRAM"));
    if (!bounded) {
      LOG.warn("no maximum heap was given, so the JVM may grow to {} MiB; start it with the options in "
          + "standalone/jvm.options (java @standalone/jvm.options -jar devsanctum.jar), as scripts/run-standalone.sh does",
          Runtime.getRuntime().maxMemory() / (1024 * 1024));
    }
  }
}
