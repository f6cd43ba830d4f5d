package io.devsanctum.workspace.service;

import io.devsanctum.common.bus.ErrorCode;
import io.devsanctum.workspace.model.AppPort;
import io.devsanctum.workspace.model.Deployment;
import io.devsanctum.workspace.model.DeploymentStatus;
import io.devsanctum.workspace.model.DeploymentStep;
import io.devsanctum.workspace.model.RunningApp;
import io.devsanctum.workspace.model.TemplateSpec;
import io.devsanctum.workspace.model.Transition;
import io.devsanctum.workspace.model.Workspace;
import io.devsanctum.workspace.model.WorkspaceState;
import io.devsanctum.workspace.repository.DeploymentRepository;
import io.devsanctum.workspace.repository.WorkspaceRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives deployments through their durable steps (DESIGN.md §5). Progress is persisted before each
 * step and every step is idempotent, so a deployment interrupted anywhere is finished by whichever
 * instance claims it next. A claim is a lease renewed while the deployment runs.
 */
public class LifecycleOrchestrator {

  private static final Logger LOG = LoggerFactory.getLogger(LifecycleOrchestrator.class);
  private static final long HEALTH_POLL_MS = 500;

  private final Vertx vertx;
  private final WorkspaceRepository workspaces;
  private final DeploymentRepository deployments;
  private final TemplateService templates;
  private final WorkspaceProvisioner provisioner;
  private final RouteRegistry routes;
  private final AppHealthProbe health;
  private final DeploymentLog log;
  private final WorkspaceEvents events;
  private final MeterRegistry metrics;
  private final Duration lease;
  private final String instanceId = "orchestrator-" + UUID.randomUUID();
  private final Set<String> driving = ConcurrentHashMap.newKeySet();

  /** The state one deployment carries from step to step. */
  private static final class Run {
    final Deployment deployment;
    Workspace workspace;
    TemplateSpec spec;
    List<RunningApp> apps = List.of();
    DeploymentStep step;

    Run(Deployment deployment) {
      this.deployment = deployment;
    }
  }

  public LifecycleOrchestrator(Vertx vertx, WorkspaceRepository workspaces, DeploymentRepository deployments,
      TemplateService templates, WorkspaceProvisioner provisioner, RouteRegistry routes, AppHealthProbe health,
      DeploymentLog log, WorkspaceEvents events, MeterRegistry metrics, Duration lease) {
    this.vertx = vertx;
    this.workspaces = workspaces;
    this.deployments = deployments;
    this.templates = templates;
    this.provisioner = provisioner;
    this.routes = routes;
    this.health = health;
    this.log = log;
    this.events = events;
    this.metrics = metrics;
    this.lease = lease;
  }

  /**
   * Runs the deployment to its end if this instance can claim it; completes when it is finished
   * (successfully or not) or immediately when another instance holds it.
   */
  public Future<Void> drive(Deployment deployment) {
    String key = deployment.workspaceId() + "#" + deployment.number();
    if (!driving.add(key)) {
      return Future.succeededFuture();
    }
    return deployments.claim(deployment.workspaceId(), deployment.number(), instanceId, lease)
        .compose(claimed -> claimed ? run(new Run(deployment)) : Future.<Void>succeededFuture())
        .onComplete(done -> driving.remove(key));
  }

  private Future<Void> run(Run run) {
    Deployment d = run.deployment;
    long started = System.nanoTime();
    long heartbeat = vertx.setPeriodic(Math.max(1000, lease.toMillis() / 3),
        id -> deployments.claim(d.workspaceId(), d.number(), instanceId, lease));
    boolean resumed = d.status() == DeploymentStatus.RUNNING;
    return workspaces.find(d.workspaceId())
        .compose(found -> {
          run.workspace = found.orElseThrow(() -> new IllegalStateException("workspace " + d.workspaceId() + " is gone"));
          return templates.version(d.templateVersionId());
        })
        .compose(version -> {
          run.spec = version.spec();
          return enterTransitionalState(run);
        })
        .compose(v -> deployments.advance(d.workspaceId(), d.number(), d.step()))
        .compose(v -> log.info(d, null, resumed
            ? "resuming " + describe(d) + " at step " + d.step().label()
            : describe(d) + " started on template version " + d.templateVersionId()))
        .compose(v -> runSteps(run, d.step()))
        .compose(v -> succeed(run, started))
        .recover(failure -> fail(run, started, failure))
        .onComplete(done -> vertx.cancelTimer(heartbeat));
  }

  /** A first deployment finds its workspace PENDING: it moves it on to STARTING when it begins. */
  private Future<Void> enterTransitionalState(Run run) {
    if (run.workspace.state() != WorkspaceState.PENDING) {
      return Future.succeededFuture();
    }
    return workspaces.finishTransition(run.workspace.id(), run.deployment.transition().during(), null)
        .compose(v -> reloadAndPublish(run));
  }

  private Future<Void> runSteps(Run run, DeploymentStep step) {
    run.step = step;
    Deployment d = run.deployment;
    long started = System.nanoTime();
    return log.info(d, step, step.label() + " ...")
        .compose(v -> execute(run, step))
        .compose(detail -> {
          long millis = elapsedMillis(started);
          LOG.info("workspace {} deployment {} step {} done in {} ms: {}", d.workspaceId(), d.number(),
              step.label(), millis, detail);
          return log.info(d, step, detail + " (" + millis + " ms)");
        })
        .compose(v -> {
          DeploymentStep next = d.transition().after(step);
          return next == null
              ? Future.<Void>succeededFuture()
              : deployments.advance(d.workspaceId(), d.number(), next).compose(saved -> runSteps(run, next));
        });
  }

  private Future<String> execute(Run run, DeploymentStep step) {
    Workspace w = run.workspace;
    return switch (step) {
      case PLACE -> w.dockerHostId() != null
          ? Future.succeededFuture("staying on Docker host " + w.dockerHostId())
          : provisioner.place().compose(host -> workspaces.assignHost(w.id(), host)
              .compose(v -> reload(run))
              .map(v -> "placed on Docker host " + host));
      case ENSURE_VOLUME -> provisioner.ensureVolume(w).map(home -> "home volume ready at " + run.spec.homePath()
          + (home.sizeLimit() != null ? ", limited to " + home.sizeLimit() : "")
          + (home.sizeLimitRefused() != null ? "; its size is not limited: the Docker host cannot ("
              + home.sizeLimitRefused() + ")" : ""));
      case ENSURE_NETWORK -> provisioner.ensureNetwork(w).map("owner network ready");
      case ENSURE_CONTAINER -> provisioner.ensureContainer(w, run.spec, containerEnv(run))
          .map(replaced -> (replaced
              ? "container replaced: what it is made from changed (template version, parameters or settings);"
                  + " the home volume is kept"
              : "container ready") + " (image " + run.spec.image() + ")");
      case START_CONTAINER -> provisioner.start(w).map(apps -> {
        run.apps = apps;
        return "container started; apps: " + String.join(", ", apps.stream()
            .map(app -> app.name() + " on port " + app.port()).toList());
      });
      case WAIT_HEALTHY -> awaitHealthy(run);
      case REGISTER_ROUTE -> currentApps(run)
          .compose(apps -> routes.register(w, run.spec, apps))
          .map(host -> "routed at " + host);
      // stopping keeps the host names for the next start; deleting gives them up
      case DEREGISTER_ROUTE -> run.deployment.transition() == Transition.DELETE
          ? routes.deregister(w.id(), true).map("routes removed")
          : routes.deregister(w.id(), false).map("routes deactivated (host names kept)");
      case STOP_CONTAINER -> w.dockerHostId() == null
          ? Future.succeededFuture("no container to stop")
          : provisioner.stop(w).map("container stopped");
      case REMOVE_RESOURCES -> w.dockerHostId() == null
          ? Future.succeededFuture("nothing was provisioned")
          : provisioner.remove(w).map("container, home volume and unused network removed");
    };
  }

  private Map<String, String> containerEnv(Run run) {
    Map<String, String> env = new LinkedHashMap<>(run.spec.env());
    env.putAll(ParameterValues.env(run.spec.parameters(), run.workspace.parameters()));
    return env;
  }

  /** The apps of a resumed deployment are read back from the host. */
  private Future<List<RunningApp>> currentApps(Run run) {
    if (!run.apps.isEmpty()) {
      return Future.succeededFuture(run.apps);
    }
    return provisioner.status(run.workspace).map(status -> {
      run.apps = status.apps();
      return run.apps;
    });
  }

  private Future<String> awaitHealthy(Run run) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(run.spec.startupTimeoutSeconds());
    AppPort app = run.spec.defaultApp().orElseThrow();
    return currentApps(run).compose(apps -> {
      String url = apps.stream().filter(a -> a.name().equals(app.name())).findFirst()
          .map(RunningApp::upstreamUrl).orElseThrow(() -> ErrorCode.INTERNAL.exception("app " + app.name() + " is not published"))
          + (app.healthPath() == null ? "/" : app.healthPath());
      Promise<String> healthy = Promise.promise();
      poll(run, url, deadline, healthy, System.nanoTime());
      return healthy.future();
    });
  }

  private void poll(Run run, String url, long deadline, Promise<String> healthy, long started) {
    provisioner.status(run.workspace).onComplete(status -> {
      if (status.succeeded() && status.result().exists() && !status.result().running()) {
        healthy.fail(ErrorCode.UNPROCESSABLE.exception("the container exited with code " + status.result().exitCode()
            + " before its app answered"));
        return;
      }
      health.answers(url).onSuccess(answers -> {
        if (answers) {
          healthy.complete(run.spec.defaultApp().orElseThrow().name() + " answers HTTP after "
              + elapsedMillis(started) + " ms");
        } else if (System.nanoTime() > deadline) {
          healthy.fail(ErrorCode.UNPROCESSABLE.exception("the app did not answer on " + url + " within "
              + run.spec.startupTimeoutSeconds() + " s"));
        } else {
          vertx.setTimer(HEALTH_POLL_MS, id -> poll(run, url, deadline, healthy, started));
        }
      });
    });
  }

  private Future<Void> succeed(Run run, long started) {
    Deployment d = run.deployment;
    WorkspaceState end = d.transition().to();
    return workspaces.finishTransition(d.workspaceId(), end, null)
        .compose(v -> deployments.finish(d.workspaceId(), d.number(), DeploymentStatus.SUCCEEDED, null))
        .compose(v -> log.info(d, null, describe(d) + " succeeded in " + elapsedMillis(started) + " ms: workspace is " + end))
        .onSuccess(v -> {
          record(d, "success", started);
          LOG.info("workspace {} deployment {} ({}) succeeded in {} ms", d.workspaceId(), d.number(),
              d.transition().name().toLowerCase(), elapsedMillis(started));
        })
        .compose(v -> finished(run));
  }

  private Future<Void> fail(Run run, long started, Throwable failure) {
    Deployment d = run.deployment;
    String step = run.step == null ? "preparing" : run.step.label();
    String reason = step + ": " + (failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage());
    LOG.warn("workspace {} deployment {} ({}) failed at {}", d.workspaceId(), d.number(),
        d.transition().name().toLowerCase(), reason, failure instanceof io.vertx.core.eventbus.ReplyException ? null : failure);
    record(d, "failure", started);
    return log.error(d, run.step, "failed: " + reason)
        .compose(v -> stopHalfStartedContainer(run))
        .compose(v -> workspaces.finishTransition(d.workspaceId(), WorkspaceState.FAILED, reason))
        .compose(v -> deployments.finish(d.workspaceId(), d.number(), DeploymentStatus.FAILED, reason))
        .compose(v -> finished(run));
  }

  /** A start that failed after its container started would otherwise leave it running unseen. */
  private Future<Void> stopHalfStartedContainer(Run run) {
    if (run.deployment.transition() != Transition.START || run.workspace == null || run.workspace.dockerHostId() == null
        || run.step == null || run.step.ordinal() < DeploymentStep.START_CONTAINER.ordinal()) {
      return Future.succeededFuture();
    }
    return provisioner.stop(run.workspace).otherwiseEmpty();
  }

  private Future<Void> finished(Run run) {
    return deployments.find(run.deployment.workspaceId(), run.deployment.number())
        .onSuccess(found -> found.ifPresent(events::deploymentFinished))
        .compose(v -> reloadAndPublish(run));
  }

  private Future<Void> reload(Run run) {
    return workspaces.find(run.deployment.workspaceId()).map(found -> {
      found.ifPresent(w -> run.workspace = w);
      return null;
    });
  }

  private Future<Void> reloadAndPublish(Run run) {
    return workspaces.find(run.deployment.workspaceId()).map(found -> {
      // a deleted workspace is no longer found: publish its last known form as DELETED
      run.workspace = found.orElseGet(() -> run.workspace.withState(WorkspaceState.DELETED, null));
      events.workspaceChanged(run.workspace);
      return null;
    });
  }

  private void record(Deployment d, String outcome, long started) {
    Timer.builder("devsanctum.deployment.duration")
        .description("Time from a deployment's start to its end")
        .tag("transition", d.transition().name().toLowerCase())
        .tag("outcome", outcome)
        .publishPercentileHistogram()
        .register(metrics)
        .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
  }

  private static String describe(Deployment d) {
    return "deployment #" + d.number() + " (" + d.transition().name().toLowerCase() + ")";
  }

  private static long elapsedMillis(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1_000_000;
  }
}
