package io.devsanctum.workspace.service;

import io.devsanctum.common.contract.provisioner.PublishedApp;
import io.devsanctum.common.contract.workspace.AppPort;
import io.devsanctum.common.contract.workspace.Deployment;
import io.devsanctum.common.contract.workspace.DeploymentStatus;
import io.devsanctum.common.contract.workspace.DeploymentStep;
import io.devsanctum.common.contract.workspace.Initiator;
import io.devsanctum.common.contract.workspace.TemplateSpec;
import io.devsanctum.common.contract.workspace.Transition;
import io.devsanctum.common.contract.workspace.Workspace;
import io.devsanctum.common.contract.workspace.WorkspaceState;
import io.devsanctum.common.db.PgErrors;
import io.devsanctum.common.domain.DomainException;
import io.devsanctum.common.domain.NoAnswerException;
import io.devsanctum.common.domain.UnavailableException;
import io.devsanctum.common.domain.UnprocessableException;
import io.devsanctum.workspace.repository.ClaimLostException;
import io.devsanctum.workspace.repository.DeploymentRepository;
import io.devsanctum.workspace.repository.DeploymentRepository.Claim;
import io.devsanctum.workspace.repository.WorkspaceRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives deployments through their durable steps (docs/architecture.md §7). Progress is persisted before each
 * step and every step is idempotent, so a deployment interrupted anywhere is finished by whichever
 * instance claims it next. A claim is a lease that the driving run renews; only the run holding it
 * may advance or finish the deployment, so a run whose lease another instance took over stops
 * without writing. An instance keeps its identity across restarts, so a restarted instance takes
 * its own unfinished deployments back at once. An outage (database unreachable, a service not
 * answering) does not fail a deployment: it waits, retrying, and says so in its log when it goes on.
 */
public class LifecycleOrchestrator {

  private static final Logger LOG = LoggerFactory.getLogger(LifecycleOrchestrator.class);
  /**
   * The app is asked every 20 ms for the first 5 s, then every 250 ms: most apps answer within a
   * second or two of their container's start, and every interval between asks is, on average, half
   * of it added to the start (backing off from 10 ms to 500 ms made code-server, answering after
   * about 650 ms, wait until 1,200). Asking an app that is not up yet costs a refused or reset
   * connection; whether its container still runs is a question for Docker, asked at most every
   * half second.
   */
  private static final long QUICK_HEALTH_POLL_MS = 20;
  private static final long QUICK_HEALTH_POLLING_NANOS = TimeUnit.SECONDS.toNanos(5);
  private static final long SLOW_HEALTH_POLL_MS = 250;
  private static final long CONTAINER_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
  /** How long a deployment waits out an outage before it fails with the outage as its reason. */
  static final Duration OUTAGE_PATIENCE = Duration.ofMinutes(10);
  private static final long FIRST_RETRY_MS = 500;
  private static final long LONGEST_RETRY_MS = 5_000;

  private final Vertx vertx;
  private final WorkspaceRepository workspaces;
  private final DeploymentRepository deployments;
  private final TemplateService templates;
  private final WorkspaceContainers containers;
  private final WorkspaceRouting routes;
  private final AppHealthProbe health;
  private final DeploymentLog log;
  private final WorkspaceEvents events;
  private final MeterRegistry metrics;
  private final Claim claim;
  private final Duration lease;
  private final Set<String> driving = ConcurrentHashMap.newKeySet();

  /** The state one deployment carries from step to step. */
  private static final class Run {
    final Deployment deployment;
    Workspace workspace;
    TemplateSpec spec;
    List<PublishedApp> apps = List.of();
    DeploymentStep step;
    /** Set when a renewal found the claim held by another instance. */
    volatile boolean lost;
    /** The outage this run is waiting out: since when, and what it is (null when none). */
    long outageSince;
    String outage;
    long nextRetryMs = FIRST_RETRY_MS;
    /** The log lines written so far, one after another ({@link #note}); failed when one could not be. */
    Future<Void> logged = Future.succeededFuture();

    Run(Deployment deployment) {
      this.deployment = deployment;
    }
  }

  public LifecycleOrchestrator(Vertx vertx, WorkspaceRepository workspaces, DeploymentRepository deployments,
      TemplateService templates, WorkspaceContainers containers, WorkspaceRouting routes, AppHealthProbe health,
      DeploymentLog log, WorkspaceEvents events, MeterRegistry metrics, Claim claim, Duration lease) {
    this.vertx = vertx;
    this.workspaces = workspaces;
    this.deployments = deployments;
    this.templates = templates;
    this.containers = containers;
    this.routes = routes;
    this.health = health;
    this.log = log;
    this.events = events;
    this.metrics = metrics;
    this.claim = claim;
    this.lease = lease;
  }

  /** The identity this orchestrator claims deployments under, the same after a restart. */
  public String instanceId() {
    return claim.instanceId();
  }

  /** How often a claim is renewed (and stranded deployments looked for): a fifth of the lease. */
  public Duration renewInterval() {
    return Duration.ofMillis(Math.max(200, lease.toMillis() / 5));
  }

  /** Whether this instance is driving the deployment right now. */
  public boolean drives(Deployment deployment) {
    return driving.contains(key(deployment));
  }

  /**
   * Runs the deployment to its end if this instance can claim it; completes when it is finished
   * (successfully or not) or immediately when another instance holds it.
   */
  public Future<Void> drive(Deployment deployment) {
    String key = key(deployment);
    if (!driving.add(key)) {
      return Future.succeededFuture();
    }
    return deployments.claim(deployment.workspaceId(), deployment.number(), claim, lease)
        .compose(claimed -> claimed ? run(new Run(deployment)) : Future.<Void>succeededFuture())
        .onComplete(done -> driving.remove(key));
  }

  private Future<Void> run(Run run) {
    Deployment d = run.deployment;
    long started = System.nanoTime();
    long heartbeat = vertx.setPeriodic(renewInterval().toMillis(),
        id -> deployments.renew(d.workspaceId(), d.number(), claim, lease).onSuccess(held -> run.lost |= !held));
    return patiently(run, () -> workspaces.find(d.workspaceId()).compose(found -> {
          run.workspace = found.orElseThrow(() -> new IllegalStateException("workspace " + d.workspaceId() + " is gone"));
          return templates.version(d.templateVersionId());
        }))
        .compose(version -> {
          run.spec = version.spec();
          return patiently(run, () -> enterTransitionalState(run));
        })
        .compose(v -> patiently(run, () -> advance(run, d.step())))
        .compose(v -> {
          note(run, null, startLine(d));
          return runSteps(run, d.step());
        })
        .compose(v -> succeed(run, started))
        .recover(failure -> failure instanceof ClaimLostException ? abandon(run) : fail(run, started, failure))
        .onComplete(done -> vertx.cancelTimer(heartbeat));
  }

  /** What the deployment's log says when this instance begins driving it. */
  private String startLine(Deployment d) {
    if (d.status() == DeploymentStatus.PENDING && d.claimedBy() == null) {
      String by = d.initiator() == Initiator.SCHEDULE
          ? " by the schedule (" + d.scheduleReason().name().toLowerCase() + ")" : "";
      return describe(d) + " started" + by + " on template version " + d.templateVersionId();
    }
    String where = describe(d) + " at step " + d.step().label();
    if (claim.instanceId().equals(d.claimedBy())) {
      return "resuming " + where + ": this instance was restarted while driving it";
    }
    return d.claimedBy() == null
        ? "resuming " + where
        : "taking over " + where + " from instance " + d.claimedBy() + ", which stopped renewing its claim";
  }

  /** A first deployment finds its workspace PENDING: it moves it on to STARTING when it begins. */
  private Future<Void> enterTransitionalState(Run run) {
    if (run.workspace.state() != WorkspaceState.PENDING) {
      return Future.succeededFuture();
    }
    return workspaces.finishTransition(run.workspace.id(), run.deployment.transition().during(), null, null)
        .compose(v -> reloadAndPublish(run));
  }

  private Future<Void> advance(Run run, DeploymentStep step) {
    Deployment d = run.deployment;
    return deployments.advance(d.workspaceId(), d.number(), step, claim)
        .compose(held -> held ? Future.<Void>succeededFuture() : Future.failedFuture(lost(d)));
  }

  private Future<Void> runSteps(Run run, DeploymentStep step) {
    run.step = step;
    Deployment d = run.deployment;
    long started = System.nanoTime();
    note(run, step, step.label() + " ...");
    return patiently(run, () -> execute(run, step))
        .compose(detail -> {
          long millis = elapsedMillis(started);
          LOG.info("workspace {} deployment {} step {} done in {} ms: {}", d.workspaceId(), d.number(),
              step.label(), millis, detail);
          note(run, step, detail + " (" + millis + " ms)");
          DeploymentStep next = d.transition().after(step);
          return next == null
              ? Future.<Void>succeededFuture()
              : patiently(run, () -> advance(run, next)).compose(saved -> runSteps(run, next));
        });
  }

  private Future<String> execute(Run run, DeploymentStep step) {
    Workspace w = run.workspace;
    return switch (step) {
      case PLACE -> w.dockerHostId() != null
          ? Future.succeededFuture("staying on Docker host " + w.dockerHostId())
          : containers.place().compose(host -> workspaces.assignHost(w.id(), host)
              .compose(v -> reload(run))
              .map(v -> "placed on Docker host " + host));
      case ENSURE_VOLUME -> containers.ensureVolume(w).map(home -> "home volume ready at " + run.spec.homePath()
          + (home.sizeLimit() != null ? ", limited to " + home.sizeLimit() : "")
          + (home.sizeLimitRefused() != null ? "; its size is not limited: the Docker host cannot ("
              + home.sizeLimitRefused() + ")" : ""));
      case ENSURE_NETWORK -> containers.ensureNetwork(w).map("owner network ready");
      case ENSURE_CONTAINER -> containers.ensureContainer(w, run.spec, containerEnv(run))
          .map(replaced -> (replaced
              ? "container replaced: what it is made from changed (template version, parameters or settings);"
                  + " the home volume is kept"
              : "container ready") + " (image " + run.spec.image() + ")");
      case START_CONTAINER -> containers.start(w).map(apps -> {
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
          : containers.stop(w).map("container stopped");
      case REMOVE_RESOURCES -> w.dockerHostId() == null
          ? Future.succeededFuture("nothing was provisioned")
          : containers.remove(w).map("container, home volume and unused network removed");
    };
  }

  private Map<String, String> containerEnv(Run run) {
    Map<String, String> env = new LinkedHashMap<>(run.spec.env());
    env.putAll(ParameterValues.env(run.spec.parameters(), run.workspace.parameters()));
    return env;
  }

  /** The apps of a resumed deployment are read back from the host. */
  private Future<List<PublishedApp>> currentApps(Run run) {
    if (!run.apps.isEmpty()) {
      return Future.succeededFuture(run.apps);
    }
    return containers.status(run.workspace).map(status -> {
      run.apps = status.apps();
      return run.apps;
    });
  }

  private Future<String> awaitHealthy(Run run) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(run.spec.startupTimeoutSeconds());
    AppPort app = run.spec.defaultApp().orElseThrow();
    return currentApps(run).compose(apps -> {
      String url = apps.stream().filter(a -> a.name().equals(app.name())).findFirst()
          .map(PublishedApp::upstreamUrl).orElseThrow(() -> new IllegalStateException("app " + app.name() + " is not published"))
          + (app.healthPath() == null ? "/" : app.healthPath());
      Promise<String> healthy = Promise.promise();
      long started = System.nanoTime();
      poll(run, url, deadline, healthy, started, started);
      return healthy.future();
    });
  }

  /**
   * Asks the app; while it does not answer, asks again soon, and every half second first checks
   * that its container still runs and that the time has not run out.
   */
  private void poll(Run run, String url, long deadline, Promise<String> healthy, long started, long lastChecked) {
    health.answers(url).onSuccess(answers -> {
      if (answers) {
        healthy.complete(run.spec.defaultApp().orElseThrow().name() + " answers HTTP after "
            + elapsedMillis(started) + " ms");
        return;
      }
      long now = System.nanoTime();
      if (now - lastChecked < CONTAINER_CHECK_NANOS) {
        pollAgain(run, url, deadline, healthy, started, lastChecked);
        return;
      }
      containers.status(run.workspace).onComplete(status -> {
        if (status.failed() && status.cause() instanceof UnavailableException) {
          // the host (or the provisioner) is out of reach: waiting for the app would only run out the clock
          healthy.fail(status.cause());
        } else if (status.succeeded() && status.result().exists() && !status.result().running()) {
          healthy.fail(new UnprocessableException("the container exited with code " + status.result().exitCode()
              + " before its app answered"));
        } else if (System.nanoTime() > deadline) {
          healthy.fail(new UnprocessableException("the app did not answer on " + url + " within "
              + run.spec.startupTimeoutSeconds() + " s"));
        } else {
          pollAgain(run, url, deadline, healthy, started, now);
        }
      });
    });
  }

  private void pollAgain(Run run, String url, long deadline, Promise<String> healthy, long started, long lastChecked) {
    long interval = System.nanoTime() - started < QUICK_HEALTH_POLLING_NANOS ? QUICK_HEALTH_POLL_MS : SLOW_HEALTH_POLL_MS;
    vertx.setTimer(interval, id -> poll(run, url, deadline, healthy, started, lastChecked));
  }

  private Future<Void> succeed(Run run, long started) {
    Deployment d = run.deployment;
    WorkspaceState end = d.transition().to();
    String next = d.thenStartVersionId() == null ? "" : "; the restart goes on with a start deployment";
    note(run, null, describe(d) + " succeeded in " + elapsedMillis(started) + " ms: workspace is " + end + next);
    return run.logged
        .compose(v -> patiently(run, () -> workspaces.finishDeployment(d, claim, DeploymentStatus.SUCCEEDED, end, null)))
        .compose(followUp -> {
          record(d, "success", started);
          LOG.info("workspace {} deployment {} ({}) succeeded in {} ms", d.workspaceId(), d.number(),
              d.transition().name().toLowerCase(), elapsedMillis(started));
          return finished(run).onComplete(published -> followUp.ifPresent(this::drive));
        });
  }

  private Future<Void> fail(Run run, long started, Throwable failure) {
    Deployment d = run.deployment;
    String step = run.step == null ? "preparing" : run.step.label();
    String reason = step + ": " + (failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage());
    LOG.warn("workspace {} deployment {} ({}) failed at {}", d.workspaceId(), d.number(),
        d.transition().name().toLowerCase(), reason,
        failure instanceof DomainException || failure instanceof ReplyException ? null : failure);
    record(d, "failure", started);
    String restart = d.thenStartVersionId() == null ? "" : "; the start half of the restart is not attempted";
    // after the lines before it, whether or not they could be written
    String line = "failed: " + reason + restart;
    DeploymentStep failedAt = run.step;
    run.logged = run.logged.transform(written -> appended(run, () -> log.error(d, failedAt, line), System.nanoTime(),
        FIRST_RETRY_MS));
    return run.logged
        // a line that cannot be written must not keep the workspace from being marked failed
        .recover(unwritten -> unwritten instanceof ClaimLostException ? Future.failedFuture(unwritten)
            : Future.succeededFuture())
        .compose(v -> stopHalfStartedContainer(run))
        .compose(v -> patiently(run, () -> workspaces.finishDeployment(d, claim, DeploymentStatus.FAILED,
            WorkspaceState.FAILED, reason)))
        .compose(none -> finished(run))
        .recover(lost -> lost instanceof ClaimLostException ? abandon(run) : Future.failedFuture(lost));
  }

  /** Another instance took the deployment over: this run leaves it to that one, writing nothing more. */
  private Future<Void> abandon(Run run) {
    run.lost = true; // lines still waiting to be appended are not
    LOG.info("workspace {} deployment {}: another instance took it over after this one's claim ran out; "
        + "this instance stops driving it", run.deployment.workspaceId(), run.deployment.number());
    return Future.succeededFuture();
  }

  /**
   * Appends a line to the deployment's log after the lines before it, without the deployment
   * waiting for it: a step's lines are progress for its followers, not a condition of its next
   * step, and waiting for two inserts per step made every start that much longer. The deployment
   * waits for all of them before it ends ({@link #succeed}, {@link #fail}), so its log is whole
   * when it is reported finished.
   */
  private void note(Run run, DeploymentStep step, String line) {
    run.logged = run.logged.compose(v -> appended(run, () -> log.info(run.deployment, step, line), System.nanoTime(),
        FIRST_RETRY_MS));
  }

  /**
   * Appends one line, waiting out an unreachable database for up to {@link #OUTAGE_PATIENCE} on its
   * own account: the step running meanwhile keeps its own ({@link #patiently}), and the deployment
   * says once, from that, what it waited out. Appends go one after another ({@link Run#logged}),
   * as the lines' numbers are the next after the last stored.
   */
  private Future<Void> appended(Run run, Supplier<Future<Void>> append, long since, long pauseMs) {
    if (run.lost) {
      return Future.failedFuture(lost(run.deployment));
    }
    return append.get().recover(failure -> {
      if (!PgErrors.isUnavailable(failure) || System.nanoTime() - since > OUTAGE_PATIENCE.toNanos()) {
        return Future.failedFuture(failure);
      }
      Promise<Void> retried = Promise.promise();
      vertx.setTimer(pauseMs, id -> appended(run, append, since, Math.min(LONGEST_RETRY_MS, pauseMs * 2))
          .onComplete(retried));
      return retried.future();
    });
  }

  /**
   * Runs {@code attempt}; when it fails because of an outage (the database unreachable, a service
   * not answering), tries again with growing pauses for up to {@link #OUTAGE_PATIENCE}, and once an
   * attempt succeeds, writes to the deployment's log what it waited out. Attempts are idempotent
   * (every step is), so repeating one is safe. Stops at once when the claim was lost meanwhile.
   */
  private <T> Future<T> patiently(Run run, Supplier<Future<T>> attempt) {
    if (run.lost) {
      return Future.failedFuture(lost(run.deployment));
    }
    Future<T> tried;
    try {
      tried = attempt.get();
    } catch (RuntimeException e) {
      tried = Future.failedFuture(e);
    }
    return tried.transform(outcome -> {
      if (outcome.succeeded()) {
        return noteOutageOver(run).map(outcome.result());
      }
      String outage = outage(run.step, outcome.cause());
      if (outage == null) {
        return Future.failedFuture(outcome.cause());
      }
      if (run.outage == null) {
        run.outage = outage;
        run.outageSince = System.nanoTime();
        LOG.info("workspace {} deployment {} waits: {}", run.deployment.workspaceId(), run.deployment.number(), outage);
      } else if (System.nanoTime() - run.outageSince > OUTAGE_PATIENCE.toNanos()) {
        return Future.failedFuture(new UnavailableException(outage + " for more than "
            + OUTAGE_PATIENCE.toMinutes() + " minutes"));
      }
      Promise<T> retried = Promise.promise();
      long pause = run.nextRetryMs;
      run.nextRetryMs = Math.min(LONGEST_RETRY_MS, pause * 2);
      vertx.setTimer(pause, id -> patiently(run, attempt).onComplete(retried));
      return retried.future();
    });
  }

  private Future<Void> noteOutageOver(Run run) {
    if (run.outage == null) {
      return Future.succeededFuture();
    }
    String note = "continuing after an outage of " + elapsedMillis(run.outageSince) / 1000 + " s: " + run.outage;
    run.outage = null;
    run.nextRetryMs = FIRST_RETRY_MS;
    LOG.info("workspace {} deployment {}: {}", run.deployment.workspaceId(), run.deployment.number(), note);
    note(run, run.step, note);
    return Future.succeededFuture();
  }

  /**
   * What outage {@code failure} is, or null when it is a failure of the deployment itself. The
   * routing service is unavailable only when its own database or bus is out; the provisioner is
   * for a Docker host that is down, which fails the deployment with that reason.
   */
  private static String outage(DeploymentStep step, Throwable failure) {
    if (PgErrors.isUnavailable(failure)) {
      return "the database was unreachable";
    }
    boolean routing = step == DeploymentStep.REGISTER_ROUTE || step == DeploymentStep.DEREGISTER_ROUTE;
    String service = step == null ? "a service" : routing ? "the routing service" : "the provisioner service";
    if (failure instanceof NoAnswerException) {
      return service + " did not answer";
    }
    if (routing && failure instanceof UnavailableException) {
      return service + " was unavailable (" + failure.getMessage() + ")";
    }
    return null;
  }

  /** A start that failed after its container started would otherwise leave it running unseen. */
  private Future<Void> stopHalfStartedContainer(Run run) {
    if (run.deployment.transition() != Transition.START || run.workspace == null || run.workspace.dockerHostId() == null
        || run.step == null || run.step.ordinal() < DeploymentStep.START_CONTAINER.ordinal()) {
      return Future.succeededFuture();
    }
    return containers.stop(run.workspace).otherwiseEmpty();
  }

  private Future<Void> finished(Run run) {
    return deployments.find(run.deployment.workspaceId(), run.deployment.number())
        .onSuccess(found -> found.ifPresent(events::deploymentFinished))
        .compose(v -> reloadAndPublish(run))
        .otherwiseEmpty(); // the outcome is stored; only its publication is lost
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

  private ClaimLostException lost(Deployment d) {
    return new ClaimLostException("deployment #" + d.number() + " of workspace " + d.workspaceId()
        + " is no longer claimed by " + claim.instanceId());
  }

  private static String key(Deployment d) {
    return d.workspaceId() + "#" + d.number();
  }

  private static String describe(Deployment d) {
    return "deployment #" + d.number() + " (" + d.transition().name().toLowerCase() + ")";
  }

  private static long elapsedMillis(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1_000_000;
  }
}
