package io.devsanctum.provisioner;

import io.devsanctum.common.bus.Addresses;
import io.devsanctum.common.bus.TypedBus;
import io.devsanctum.common.config.DevSanctumConfig;
import io.devsanctum.common.contract.provisioner.ProvisionerContract;
import io.devsanctum.common.runtime.HealthResponder;
import io.devsanctum.provisioner.config.ProvisionerConfig;
import io.devsanctum.provisioner.config.WorkspaceContainerConfig;
import io.devsanctum.provisioner.controller.ProvisionerEndpoint;
import io.devsanctum.provisioner.infrastructure.docker.DockerContainerRuntime;
import io.devsanctum.provisioner.service.DockerHosts;
import io.devsanctum.provisioner.service.HealthCheckedRuntime;
import io.devsanctum.provisioner.service.HostMonitor;
import io.devsanctum.provisioner.service.TerminalService;
import io.devsanctum.provisioner.service.WorkspaceProvisioner;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import java.util.Map;

/** Wiring of the provisioner-service: Docker hosts and the containers, volumes and networks of workspaces. */
public class ProvisionerVerticle extends VerticleBase {

  private final DevSanctumConfig config;
  private final MeterRegistry metrics;
  private WorkerExecutor dockerWorkers;
  private DockerContainerRuntime runtime;

  public ProvisionerVerticle(DevSanctumConfig config, MeterRegistry metrics) {
    this.config = config;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    ProvisionerConfig settings = ProvisionerConfig.from(config.env());
    dockerWorkers = vertx.createSharedWorkerExecutor("docker", settings.dockerWorkers());
    // docker-java's clients (hundreds of classes to load) are built on a worker, not on the event loop
    return vertx.executeBlocking(() -> new DockerContainerRuntime(settings.hosts(), dockerWorkers, metrics), false)
        .compose(created -> serve(settings, created));
  }

  private Future<?> serve(ProvisionerConfig settings, DockerContainerRuntime created) {
    runtime = created;
    DockerHosts hosts = new DockerHosts(settings.hosts());
    HostMonitor monitor = new HostMonitor(hosts, runtime, metrics);
    // everything but the health checks refuses, at once, a host that failed its last check
    HealthCheckedRuntime healthChecked = new HealthCheckedRuntime(runtime, monitor);
    WorkspaceProvisioner provisioner = new WorkspaceProvisioner(hosts, healthChecked,
        WorkspaceContainerConfig.from(config.env()));
    TypedBus.serve(vertx, ProvisionerContract.class, new ProvisionerEndpoint(vertx, monitor, provisioner,
        new TerminalService(hosts, healthChecked)), TypedBus.FailureTranslator.NONE);
    HealthResponder.register(vertx, Addresses.PROVISIONER, Map.of("docker", monitor::anyHealthy));
    // the first check decides the health reported from the start; a host that is down does not stop the service
    return monitor.checkAll().onSuccess(checked -> vertx.setPeriodic(
        settings.healthInterval().toMillis(), id -> monitor.checkAll()));
  }

  @Override
  public Future<?> stop() {
    if (runtime != null) {
      runtime.close();
    }
    return dockerWorkers == null ? Future.succeededFuture() : dockerWorkers.close();
  }
}
