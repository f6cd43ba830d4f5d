package io.devsanctum.workspace.service;

import io.devsanctum.common.authz.AccessPolicy;
import io.devsanctum.common.authz.WorkspaceUse;
import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.contract.ContractJson;
import io.devsanctum.common.contract.SharingLevel;
import io.devsanctum.common.contract.audit.AuditAction;
import io.devsanctum.common.contract.audit.AuditChange;
import io.devsanctum.common.contract.audit.AuditRecord;
import io.devsanctum.common.contract.workspace.Deployment;
import io.devsanctum.common.contract.workspace.DeploymentLogLine;
import io.devsanctum.common.contract.workspace.DeploymentStatus;
import io.devsanctum.common.contract.workspace.Initiator;
import io.devsanctum.common.contract.workspace.TemplateParameter;
import io.devsanctum.common.contract.workspace.TemplateVersion;
import io.devsanctum.common.contract.workspace.Transition;
import io.devsanctum.common.contract.workspace.Workspace;
import io.devsanctum.common.contract.workspace.WorkspaceAction;
import io.devsanctum.common.contract.workspace.WorkspaceSchedule;
import io.devsanctum.common.contract.workspace.WorkspaceState;
import io.devsanctum.common.domain.ConflictException;
import io.devsanctum.common.domain.InvalidInputException;
import io.devsanctum.common.domain.NotFoundException;
import io.devsanctum.common.paging.Page;
import io.devsanctum.common.paging.PageRequest;
import io.devsanctum.workspace.repository.DeploymentRepository;
import io.devsanctum.workspace.repository.WorkspaceRepository;
import io.devsanctum.workspace.repository.WorkspaceRepository.Dormancy;
import io.devsanctum.workspace.repository.WorkspaceRepository.UsageCheck;
import io.vertx.core.Future;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Workspaces as their owners see them: create, read, and the transitions (start, stop, restart,
 * delete, update to the template's active version). Each transition is a conditional update, so
 * racing requests cannot start two deployments; repeating a transition already in effect is a
 * no-op that returns the workspace.
 */
public class WorkspaceService {

  private static final Logger LOG = LoggerFactory.getLogger(WorkspaceService.class);



  private final WorkspaceRepository workspaces;
  private final DeploymentRepository deployments;
  private final TemplateService templates;
  private final QuotaService quotas;
  private final WorkspaceContainers containers;
  private final LifecycleOrchestrator orchestrator;
  private final WorkspaceRouting routes;
  private final WorkspaceEvents events;

  public WorkspaceService(WorkspaceRepository workspaces, DeploymentRepository deployments, TemplateService templates,
      QuotaService quotas, WorkspaceContainers containers, LifecycleOrchestrator orchestrator, WorkspaceRouting routes,
      WorkspaceEvents events) {
    this.workspaces = workspaces;
    this.deployments = deployments;
    this.templates = templates;
    this.quotas = quotas;
    this.containers = containers;
    this.orchestrator = orchestrator;
    this.routes = routes;
    this.events = events;
  }

  /**
   * Validates everything that can be known up front (name, parameters, quota, a host that has the
   * image) before writing anything, so a refused request leaves nothing behind.
   */
  public Future<Workspace> create(Caller caller, UUID templateId, String name, Map<String, String> parameters) {
    WorkspacePolicy.requireWorkspaceCreation(caller);
    WorkspaceNames.require("name", name);
    return templates.activeVersionForNewWorkspace(templateId).compose(version -> {
      Map<String, String> values = ParameterValues.resolve(version.spec().parameters(), parameters);
      return quotas.newWorkspaceCheck(caller.userId(), version.spec())
          .compose(withinQuota -> workspaces.usage(caller.userId())
              // refused before anything is placed; checked again, atomically, with the insert
              .map(usage -> {
                withinQuota.check(usage);
                return null;
              })
              .compose(v -> containers.place())
              .compose(host -> containers.checkImage(host, version.spec().image()).map(host))
              .compose(host -> {
                OffsetDateTime now = OffsetDateTime.now();
                Workspace workspace = new Workspace(UUID.randomUUID(), caller.userId(), caller.username(), name,
                    templateId, version.id(), values, WorkspaceState.PENDING, null, host, "owner", now, now, null,
                    WorkspaceSchedule.NONE, null, null, null, null);
                Deployment first = new Deployment(workspace.id(), 1, Transition.START, version.id(), caller.userId(),
                    DeploymentStatus.PENDING, Transition.START.steps().get(0), null, now, null, null, Initiator.USER,
                    null, null, null);
                AuditRecord created = AuditRecord.success(caller, AuditAction.WORKSPACE_CREATE, workspace.id(), name,
                    AuditChange.created(Map.of("template", templateId.toString(), "templateVersion",
                        version.id().toString(), "parameters", ContractJson.toJson(values).encode())));
                return workspaces.insert(workspace, first, withinQuota, created).map(v -> {
                  LOG.info("workspace {} ({}/{}) created on host {}", workspace.id(), caller.username(), name, host);
                  events.workspaceChanged(workspace);
                  orchestrator.drive(first);
                  return workspace;
                });
              }));
    });
  }

  /** A page of the workspaces the caller may see (owners and auditors: everyone's, or one owner's). */
  public Future<Page<Workspace>> list(Caller caller, WorkspaceRepository.Filter filter, PageRequest page) {
    return workspaces.page(new WorkspaceRepository.Filter(WorkspacePolicy.listedOwner(caller, filter.ownerId()),
        filter.state(), filter.templateId(), filter.dormancy()), page);
  }

  /** The workspace if the caller may see it; NOT_FOUND otherwise, so ids of others leak nothing. */
  public Future<Workspace> get(Caller caller, UUID workspaceId) {
    return get(caller, workspaceId, WorkspaceUse.READ);
  }

  /**
   * The workspace if the caller may {@code use} it; NOT_FOUND when it is someone else's they may not
   * see, FORBIDDEN when they may see but not {@code use} it (see {@link WorkspacePolicy}).
   */
  public Future<Workspace> get(Caller caller, UUID workspaceId, WorkspaceUse use) {
    return reread(workspaceId).map(w -> {
      WorkspacePolicy.requireWorkspace(caller, workspaceId, w.ownerId(), use);
      return w;
    });
  }

  /** The workspace as it is now, for a caller already allowed to act on it (after their change). */
  public Future<Workspace> reread(UUID workspaceId) {
    return workspaces.find(workspaceId).map(found -> found
        .orElseThrow(() -> new NotFoundException("workspace " + workspaceId + " not found")));
  }

  /** The owner's workspace of that name if the caller may see it; NOT_FOUND otherwise, as {@link #get}. */
  public Future<Workspace> named(Caller caller, String ownerName, String name) {
    return workspaces.findNamed(ownerName, name).map(found -> found
        .filter(w -> AccessPolicy.allowsOnWorkspace(caller, w.ownerId(), WorkspaceUse.READ))
        .orElseThrow(() -> new NotFoundException("workspace " + name + " of " + ownerName + " not found")));
  }

  /**
   * Who besides the owner and owners of the platform may open the workspace's URL: nobody ({@code owner}), any
   * signed-in user ({@code authenticated}) or anyone ({@code public}). Its routes follow at once,
   * running or stopped (a stopped one's page is shown by the same rule).
   */
  public Future<Workspace> setSharing(Caller caller, UUID workspaceId, String sharing) {
    SharingLevel level;
    try {
      level = SharingLevel.fromWire(sharing);
    } catch (IllegalArgumentException unknown) {
      return Future.failedFuture(new InvalidInputException("sharing", "one of owner, authenticated, public"));
    }
    return get(caller, workspaceId, WorkspaceUse.WRITE)
        .compose(w -> workspaces.setSharing(w.id(), sharing, recorded(caller, AuditAction.WORKSPACE_SHARING, w,
            AuditChange.of("sharing", w.sharing(), sharing))))
        .compose(v -> routes.setSharing(workspaceId, level))
        .compose(v -> reread(workspaceId))
        .onSuccess(w -> {
          LOG.info("workspace {} shared with: {}", w.id(), sharing);
          events.workspaceChanged(w);
        });
  }

  /**
   * New values for the workspace's mutable parameters (as in Coder, a change is a new build): the
   * others keep theirs and everything is checked against its template version as at creation. A
   * running workspace restarts with them; a stopped one gets them at its next start. Either way its
   * container is rebuilt then, the home volume staying.
   */
  public Future<Workspace> setParameters(Caller caller, UUID workspaceId, Map<String, String> given) {
    return get(caller, workspaceId, WorkspaceUse.WRITE).compose(w -> templates.version(w.templateVersionId()).compose(version -> {
      Map<String, String> values = ParameterValues.change(version.spec().parameters(), w.parameters(), given);
      if (values.equals(w.parameters())) {
        return Future.succeededFuture(w);
      }
      AuditRecord changed = recorded(caller, AuditAction.WORKSPACE_PARAMETERS, w,
          new AuditChange(w.parameters(), values));
      return workspaces.setParameters(w.id(), w.parameters(), values, changed).compose(stateThen -> {
        if (stateThen.isEmpty()) {
          return reread(w.id()).compose(now -> Future.<Workspace>failedFuture(changedMeanwhile(now)));
        }
        LOG.info("workspace {} has new parameter values ({})", w.id(), String.join(", ", given.keySet()));
        // the restart that applies them is part of the change recorded with them
        return stateThen.get() == WorkspaceState.RUNNING
            ? beginThenStart(caller, w, w.templateVersionId(), null)
            : reread(w.id()).onSuccess(events::workspaceChanged);
      });
    }));
  }

  /**
   * Lets go of {@code ownerId}'s workspaces before their account goes: refused while they own any,
   * unless {@code deleteWorkspaces}, when each gets a delete deployment (refused as a whole while
   * one is mid-deployment, so nothing is left half-released); how many are being deleted.
   */
  public Future<Integer> releaseOwner(Caller caller, UUID ownerId, boolean deleteWorkspaces) {
    WorkspacePolicy.requireOwnerRelease(caller);
    return workspaces.list(new WorkspaceRepository.Filter(ownerId, null, null, Dormancy.ANY)).compose(owned -> {
      List<Workspace> live = owned.stream().filter(w -> w.state() != WorkspaceState.DELETED).toList();
      String names = String.join(", ", live.stream().map(Workspace::name).toList());
      if (!live.isEmpty() && !deleteWorkspaces) {
        return Future.failedFuture(new ConflictException("the user owns " + live.size() + " workspace"
            + (live.size() == 1 ? "" : "s") + " (" + names + "); delete them first, or delete them with the user"));
      }
      List<Workspace> busy = live.stream()
          .filter(w -> w.state().isTransitional() && w.state() != WorkspaceState.DELETING).toList();
      if (!busy.isEmpty()) {
        return Future.failedFuture(busy(busy.get(0)));
      }
      List<Future<Workspace>> deletions = live.stream().map(w -> delete(caller, w, AuditAction.WORKSPACE_DELETE)).toList();
      return Future.all(deletions)
          .compose(all -> quotas.remove(ownerId))
          .map(removed -> {
            LOG.info("workspaces of user {} released by {}: {} being deleted", ownerId, caller.userId(), live.size());
            return live.size();
          });
    });
  }

  public Future<Page<Deployment>> deployments(Caller caller, UUID workspaceId, PageRequest page) {
    return get(caller, workspaceId).compose(w -> deployments.page(workspaceId, page));
  }

  public Future<Deployment> deployment(Caller caller, UUID workspaceId, int number) {
    return get(caller, workspaceId).compose(w -> deployments.find(workspaceId, number))
        .map(found -> found.orElseThrow(() -> new NotFoundException("deployment " + number + " not found")));
  }

  public Future<List<DeploymentLogLine>> logs(Caller caller, UUID workspaceId, int number, int afterLine) {
    return deployment(caller, workspaceId, number).compose(d -> deployments.logs(workspaceId, number, afterLine));
  }

  public Future<Workspace> transition(Caller caller, UUID workspaceId, WorkspaceAction action) {
    return get(caller, workspaceId, WorkspaceUse.WRITE).compose(w -> switch (action) {
      case START -> start(caller, w, AuditAction.WORKSPACE_START);
      case STOP -> stop(caller, w);
      case RESTART -> restart(caller, w);
      case DELETE -> delete(caller, w, AuditAction.WORKSPACE_DELETE);
      case UPDATE -> update(caller, w);
    });
  }

  /** {@code recordedAs}: the action the caller asked for (a restart of a stopped workspace is a start, recorded as the restart asked). */
  private Future<Workspace> start(Caller caller, Workspace w, AuditAction recordedAs) {
    if (w.state() == WorkspaceState.RUNNING || w.state() == WorkspaceState.STARTING
        || w.state() == WorkspaceState.PENDING) {
      return Future.succeededFuture(w);
    }
    if (w.dormantAt() != null) {
      return Future.failedFuture(new ConflictException("workspace '" + w.name() + "' is dormant (unused since "
          + w.lastUsedAt() + "); wake it first"));
    }
    return templates.version(w.templateVersionId())
        .compose(version -> quotas.startCheck(w.ownerId(), version.spec()))
        .compose(withinQuota -> begin(caller, w, Transition.START, withinQuota, recordedAs));
  }

  private Future<Workspace> stop(Caller caller, Workspace w) {
    if (w.state() == WorkspaceState.STOPPED || w.state() == WorkspaceState.STOPPING) {
      return Future.succeededFuture(w);
    }
    return begin(caller, w, Transition.STOP, UsageCheck.NONE, AuditAction.WORKSPACE_STOP);
  }

  private Future<Workspace> delete(Caller caller, Workspace w, AuditAction recordedAs) {
    if (w.state() == WorkspaceState.DELETING) {
      return Future.succeededFuture(w);
    }
    return begin(caller, w, Transition.DELETE, UsageCheck.NONE, recordedAs);
  }

  /** Restart is a stop followed by a start, two deployments as in Coder, begun as one intent. */
  private Future<Workspace> restart(Caller caller, Workspace w) {
    if (w.state() != WorkspaceState.RUNNING) {
      return start(caller, w, AuditAction.WORKSPACE_RESTART);
    }
    return beginThenStart(caller, w, w.templateVersionId(), recorded(caller, AuditAction.WORKSPACE_RESTART, w,
        AuditChange.NONE));
  }

  /**
   * Moves the workspace to its template's active version, carrying over the values of the
   * parameters it still declares and taking the defaults of new ones (a new required parameter
   * without a default is refused, naming it); a running workspace restarts on it.
   */
  private Future<Workspace> update(Caller caller, Workspace w) {
    return templates.require(w.templateId()).compose(template -> {
      if (template.activeVersionId().equals(w.templateVersionId())) {
        return Future.succeededFuture(w);
      }
      if (w.state().isTransitional()) {
        return Future.failedFuture(busy(w));
      }
      return templates.version(template.activeVersionId()).compose(active -> {
        List<TemplateParameter> declared = active.spec().parameters();
        Map<String, String> values = ParameterValues.resolve(declared, ParameterValues.carriedOver(declared, w.parameters()));
        AuditRecord updated = recorded(caller, AuditAction.WORKSPACE_UPDATE, w, new AuditChange(
            Map.of("templateVersion", w.templateVersionId().toString(), "parameters",
                ContractJson.toJson(w.parameters()).encode()),
            Map.of("templateVersion", template.activeVersionId().toString(), "parameters",
                ContractJson.toJson(values).encode())));
        if (w.state() != WorkspaceState.RUNNING) {
          return pinThenReport(caller, w, template.activeVersionId(), w.parameters(), values, updated);
        }
        // the start deployment pins the new version; the values are stored for it first, with the record
        return workspaces.setParameters(w.id(), w.parameters(), values, updated).compose(stateThen -> {
          if (stateThen.isEmpty()) {
            return reread(w.id()).compose(now -> Future.<Workspace>failedFuture(changedMeanwhile(now)));
          }
          return stateThen.get() == WorkspaceState.RUNNING
              ? beginThenStart(caller, w, template.activeVersionId(), null)
              // it stopped meanwhile
              : pinThenReport(caller, w, template.activeVersionId(), values, values, null);
        });
      });
    });
  }

  private Future<Workspace> pinThenReport(Caller caller, Workspace w, UUID versionId, Map<String, String> expected,
      Map<String, String> values, AuditRecord audit) {
    return workspaces.pinTemplateVersion(w.id(), versionId, expected, values, audit)
        .compose(moved -> reread(w.id()).compose(now -> moved
            ? Future.succeededFuture(now).onSuccess(events::workspaceChanged)
            : Future.<Workspace>failedFuture(changedMeanwhile(now))));
  }

  /**
   * A stop whose start half is part of the same durable intent: the stop deployment names the
   * version to start, and the start begins in the transaction that ends the stop (so no crash can
   * leave the workspace stopped halfway through a restart).
   */
  private Future<Workspace> beginThenStart(Caller caller, Workspace w, UUID startVersion, AuditRecord audit) {
    return Future.all(templates.version(w.templateVersionId()), templates.version(startVersion))
        .compose(versions -> quotas.restartCheck(w.ownerId(), versions.<TemplateVersion>resultAt(0).spec(),
            versions.<TemplateVersion>resultAt(1).spec()))
        .compose(withinQuota -> workspaces.beginTransition(w.id(), Transition.STOP, caller.userId(),
            w.templateVersionId(), startVersion, withinQuota, audit))
        .compose(stop -> {
          if (stop.isEmpty()) {
            return Future.failedFuture(busy(w));
          }
          orchestrator.drive(stop.get());
          return reread(w.id()).onSuccess(events::workspaceChanged);
        });
  }

  /**
   * Begins a transition; when the conditional update loses (the state moved meanwhile), returns the
   * workspace as it is if it is already heading where the caller wanted, or fails CONFLICT.
   */
  private Future<Workspace> begin(Caller caller, Workspace w, Transition transition, UsageCheck withinQuota,
      AuditAction recordedAs) {
    if (!transition.from().contains(w.state())) {
      return Future.failedFuture(busy(w));
    }
    return workspaces.beginTransition(w.id(), transition, caller.userId(), w.templateVersionId(), null, withinQuota,
            recorded(caller, recordedAs, w, AuditChange.NONE))
        .compose(started -> {
          if (started.isPresent()) {
            orchestrator.drive(started.get());
            // a delete may be over before this reads the workspace again: then it is DELETED, not unknown
            return workspaces.find(w.id())
                .map(now -> now.orElseGet(() -> w.withState(WorkspaceState.DELETED, null)))
                .onSuccess(events::workspaceChanged);
          }
          return reread(w.id()).compose(now -> now.state() == transition.during() || now.state() == transition.to()
              ? Future.succeededFuture(now)
              : Future.failedFuture(busy(now)));
        });
  }

  private static AuditRecord recorded(Caller caller, AuditAction action, Workspace w, AuditChange change) {
    return AuditRecord.success(caller, action, w.id(), w.name(), change);
  }

  /** A conditional update lost: busy when a deployment began meanwhile, else someone else's edit won. */
  private static RuntimeException changedMeanwhile(Workspace now) {
    return now.state().isTransitional() ? busy(now)
        : new ConflictException("workspace '" + now.name() + "' was changed meanwhile; reload it and try again");
  }

  private static RuntimeException busy(Workspace w) {
    return new ConflictException("workspace '" + w.name() + "' is " + w.state()
        + (w.state().isTransitional() ? "; wait until its current deployment finishes" : ""));
  }
}
