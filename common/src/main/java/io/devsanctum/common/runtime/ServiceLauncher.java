package io.devsanctum.common.runtime;

import io.devsanctum.common.config.DevSanctumConfig;
import io.vertx.core.Deployable;
import io.vertx.core.Future;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every service's own {@code main} does in cluster mode: join the cluster, deploy the
 * service's verticle, and leave the cluster cleanly on shutdown.
 */
public final class ServiceLauncher {

  private static final Logger LOG = LoggerFactory.getLogger(ServiceLauncher.class);

  private ServiceLauncher() {
  }

  public static Future<VertxRuntime> launchClustered(
      String service, DevSanctumConfig config, BiFunction<DevSanctumConfig, VertxRuntime, Deployable> verticle) {
    long started = System.nanoTime();
    ApiDocumentPreload.start();
    return VertxFactory.clustered(config.cluster())
        .compose(runtime -> runtime.vertx().deployVerticle(verticle.apply(config, runtime))
            .onFailure(e -> runtime.vertx().close())
            .map(id -> runtime))
        .onSuccess(runtime -> {
          LOG.info("{} joined cluster '{}' and is serving ({} ms)",
              service, config.cluster().name(), (System.nanoTime() - started) / 1_000_000);
          Runtime.getRuntime().addShutdownHook(new Thread(
              () -> runtime.vertx().close().await(), service + "-shutdown"));
        })
        .onFailure(e -> LOG.error("{} failed to start", service, e));
  }

  /** For {@code main}: exits the JVM when start-up fails. */
  public static void runOrExit(Future<?> startup) {
    startup.onFailure(e -> Exits.exit(1));
  }
}
