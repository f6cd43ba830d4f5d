package io.devsanctum.workspace.service;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.contract.audit.AuditAction;
import io.devsanctum.common.contract.audit.AuditChange;
import io.devsanctum.common.contract.audit.AuditRecord;
import io.devsanctum.common.contract.provisioner.ContainerInventory;
import io.devsanctum.common.contract.provisioner.ManagedContainer;
import io.devsanctum.common.contract.workspace.Deployment;
import io.devsanctum.common.contract.workspace.Workspace;
import io.devsanctum.common.contract.workspace.WorkspaceState;
import io.devsanctum.workspace.repository.DeploymentRepository;
import io.devsanctum.workspace.repository.WorkspaceRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converges what runs to what the database says (docs/architecture.md §7): resumes deployments nobody drives
 * (often, see {@link #resumeStrandedDeployments}), removes containers that belong to no workspace,
 * marks running workspaces whose container died or vanished, stops the containers of failed
 * workspaces that still run (a stop that failed on a host that was down, once the host is back),
 * restores missing routes, and reports workspaces on unreachable hosts. Each action is logged and
 * counted.
 */
public class Reconciler {

  private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
  /** The actor of what the reconciler changes, in the audit log. */
  private static final Caller RECONCILER = Caller.service("reconciler");

  private final WorkspaceRepository workspaces;
  private final DeploymentRepository deployments;
  private final WorkspaceContainers containers;
  private final WorkspaceRouting routes;
  private final TemplateService templates;
  private final LifecycleOrchestrator orchestrator;
  private final WorkspaceEvents events;
  private final MeterRegistry metrics;

  public Reconciler(WorkspaceRepository workspaces, DeploymentRepository deployments, WorkspaceContainers containers,
      WorkspaceRouting routes, TemplateService templates, LifecycleOrchestrator orchestrator, WorkspaceEvents events,
      MeterRegistry metrics) {
    this.workspaces = workspaces;
    this.deployments = deployments;
    this.containers = containers;
    this.routes = routes;
    this.templates = templates;
    this.orchestrator = orchestrator;
    this.events = events;
    this.metrics = metrics;
  }

  /** One pass; completes when every action of the pass has been taken (failures are logged, not fatal). */
  public Future<Void> reconcile() {
    return resumeStrandedDeployments()
        .compose(v -> Future.all(workspaces.listLive(), containers.inventory(), routes.routedWorkspaces()))
        .compose(all -> converge(all.resultAt(0), all.resultAt(1), all.resultAt(2)));
  }

  /**
   * Drives the unfinished deployments nobody drives: never picked up, left by a run of this very
   * instance that ended (a restart), or held by an instance whose claim ran out. Cheap, so it runs
   * as often as claims are renewed: a crashed instance's work goes on within a lease.
   */
  public Future<Void> resumeStrandedDeployments() {
    return deployments.claimable(orchestrator.instanceId()).map(stranded -> {
      for (Deployment d : stranded) {
        if (orchestrator.drives(d)) {
          continue; // this run is on it (waiting out an outage, say)
        }
        act("resume-deployment", "resuming deployment #{} of workspace {} at step {}{}", d.number(), d.workspaceId(),
            d.step(), d.claimedBy() == null ? "" : " (last claimed by " + d.claimedBy() + ")");
        // driven in the background: a long deployment must not hold up the rest of the pass
        orchestrator.drive(d);
      }
      return null;
    });
  }

  private Future<Void> converge(List<Workspace> live, ContainerInventory inventory, Set<UUID> routed) {
    // the provisioner names workspaces by their ids' text, as its labels hold them
    Map<String, Workspace> byId = live.stream().collect(Collectors.toMap(w -> w.id().toString(), Function.identity()));
    Map<String, ManagedContainer> byWorkspace = inventory.containers().stream()
        .collect(Collectors.toMap(ManagedContainer::workspaceId, Function.identity(), (a, b) -> a));
    List<Future<?>> actions = new ArrayList<>();

    for (ManagedContainer container : inventory.containers()) {
      if (!byId.containsKey(container.workspaceId())) {
        act("remove-orphan", "removing orphan container {} on host {} (workspace {} does not exist)",
            container.containerId(), container.hostId(), container.workspaceId());
        actions.add(containers.removeContainer(container.hostId(), container.containerId()));
      }
    }
    for (Workspace w : live) {
      if (w.state() != WorkspaceState.RUNNING && w.state() != WorkspaceState.FAILED) {
        continue;
      }
      if (w.dockerHostId() != null && inventory.unreachableHosts().contains(w.dockerHostId())) {
        if (w.state() == WorkspaceState.RUNNING) {
          act("host-unreachable", "workspace {} is on Docker host {}, which does not answer", w.id(), w.dockerHostId());
        }
        continue;
      }
      ManagedContainer container = byWorkspace.get(w.id().toString());
      if (w.state() == WorkspaceState.FAILED) {
        if (container != null && container.running()) {
          act("stop-failed", "workspace {} is FAILED ({}) but its container still runs on Docker host {}; stopping it",
              w.id(), w.failureReason(), w.dockerHostId());
          actions.add(stopFailed(w));
        }
        continue;
      }
      if (container == null || !container.running()) {
        String reason = container == null
            ? "the container disappeared from Docker host " + w.dockerHostId()
            : "the container stopped on its own on Docker host " + w.dockerHostId();
        act("mark-dead", "workspace {}: {}", w.id(), reason);
        actions.add(markDead(w, reason));
      } else if (!routed.contains(w.id())) {
        act("restore-route", "workspace {} runs but has no route; registering it again", w.id());
        actions.add(restoreRoute(w));
      }
    }
    return Future.join(actions).otherwiseEmpty().mapEmpty();
  }

  private Future<Void> markDead(Workspace w, String reason) {
    return deployments.active(w.id()).compose(active -> active.isPresent()
        ? Future.succeededFuture() // a deployment is working on it; leave it to that deployment
        : routes.deregister(w.id(), false)
            .compose(v -> workspaces.finishTransition(w.id(), WorkspaceState.FAILED, reason,
                AuditRecord.success(RECONCILER, AuditAction.WORKSPACE_FAIL, w.id(), w.name(),
                    new AuditChange(Map.of("state", w.state().name()),
                        Map.of("state", WorkspaceState.FAILED.name(), "reason", reason)))))
            .onSuccess(v -> events.workspaceChanged(w.withState(WorkspaceState.FAILED, reason))));
  }

  /**
   * A failed workspace runs nothing: its state stays FAILED (with its reason) and its container
   * stops, unless it was started again since the pass looked (read again just before).
   */
  private Future<Void> stopFailed(Workspace w) {
    return Future.all(workspaces.find(w.id()), deployments.active(w.id())).compose(now -> {
      boolean stillFailed = now.<Optional<Workspace>>resultAt(0)
          .filter(current -> current.state() == WorkspaceState.FAILED).isPresent();
      boolean deploying = now.<Optional<Deployment>>resultAt(1).isPresent();
      return stillFailed && !deploying ? containers.stop(w) : Future.succeededFuture();
    });
  }

  private Future<Void> restoreRoute(Workspace w) {
    return templates.version(w.templateVersionId())
        .compose(version -> containers.status(w)
            .compose(status -> routes.register(w, version.spec(), status.apps())))
        .mapEmpty();
  }

  private void act(String action, String message, Object... args) {
    LOG.info("reconciler: " + message, args);
    metrics.counter("devsanctum.reconciler.actions", "action", action).increment();
  }
}
