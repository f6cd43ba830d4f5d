package io.devsanctum.provisioner;

import io.devsanctum.common.bus.Addresses;
import io.devsanctum.common.config.DevSanctumConfig;
import io.devsanctum.common.runtime.HealthResponder;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.Map;

/** Wiring of the provisioner-service: Docker hosts and the containers, volumes and networks of workspaces. */
public class ProvisionerVerticle extends VerticleBase {

  private final DevSanctumConfig config;
  private final MeterRegistry metrics;

  public ProvisionerVerticle(DevSanctumConfig config, MeterRegistry metrics) {
    this.config = config;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    HealthResponder.register(vertx, Addresses.PROVISIONER, Map.of());
    return Future.succeededFuture();
  }
}
