package io.devsanctum.workspace.service;

import io.devsanctum.common.authz.WorkspaceUse;
import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.contract.ContractJson;
import io.devsanctum.common.contract.audit.AuditAction;
import io.devsanctum.common.contract.audit.AuditChange;
import io.devsanctum.common.contract.audit.AuditRecord;
import io.devsanctum.common.contract.workspace.Autostart;
import io.devsanctum.common.contract.workspace.TemplateLimits;
import io.devsanctum.common.contract.workspace.TemplateSchedule;
import io.devsanctum.common.contract.workspace.Workspace;
import io.devsanctum.common.contract.workspace.WorkspaceSchedule;
import io.devsanctum.common.contract.workspace.WorkspaceState;
import io.devsanctum.common.domain.ConflictException;
import io.devsanctum.common.domain.InvalidInputException;
import io.devsanctum.workspace.repository.WorkspaceRepository;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a workspace's owner decides about its schedule: their own inactivity timeout and autostart,
 * within what its template allows, Extend (counting it as used now), and waking it from dormancy.
 */
public class WorkspaceSchedules {

  private static final Logger LOG = LoggerFactory.getLogger(WorkspaceSchedules.class);

  private final WorkspaceService workspaces;
  private final WorkspaceRepository repository;
  private final TemplateService templates;
  private final WorkspaceEvents events;
  private final Clock clock;

  public WorkspaceSchedules(WorkspaceService workspaces, WorkspaceRepository repository, TemplateService templates,
      WorkspaceEvents events, Clock clock) {
    this.workspaces = workspaces;
    this.repository = repository;
    this.templates = templates;
    this.events = events;
    this.clock = clock;
  }

  public Future<Workspace> set(Caller caller, UUID workspaceId, WorkspaceSchedule schedule) {
    return workspaces.get(caller, workspaceId, WorkspaceUse.WRITE).compose(w -> templates.require(w.templateId()).compose(template -> {
      OffsetDateTime next = validated(template.schedule(), schedule);
      return repository.setSchedule(w.id(), schedule, next, AuditRecord.success(caller, AuditAction.WORKSPACE_SCHEDULE,
          w.id(), w.name(), AuditChange.of("schedule", ContractJson.toJson(w.schedule()).encode(),
              ContractJson.toJson(schedule).encode())));
    })).compose(saved -> workspaces.reread(workspaceId)).onSuccess(w -> {
      LOG.info("workspace {} schedule set by {}: timeout {}, autostart {}", w.id(), caller.username(),
          w.schedule().inactivityTimeoutMinutes() == null ? "the template's" : w.schedule().inactivityTimeoutMinutes() + " min",
          w.nextAutostartAt() == null ? "none" : "next at " + w.nextAutostartAt());
      events.workspaceChanged(w);
    });
  }

  /** The next autostart {@code schedule} gives, after checking it against what the template allows. */
  private OffsetDateTime validated(TemplateSchedule rules, WorkspaceSchedule schedule) {
    Integer timeout = schedule.inactivityTimeoutMinutes();
    if (timeout != null) {
      if (!rules.ownerMayChangeTimeout()) {
        throw new InvalidInputException("inactivityTimeoutMinutes", "the template does not let owners change it");
      }
      TemplateLimits.Range bounds = new TemplateLimits.Range(rules.minInactivityTimeoutMinutes(),
          rules.maxInactivityTimeoutMinutes(), 0);
      if (!bounds.contains(timeout)) {
        throw new InvalidInputException("inactivityTimeoutMinutes", bounds.describe() + " (the template's bounds)");
      }
    }
    Autostart autostart = schedule.autostart();
    if (autostart == null) {
      return null;
    }
    if (!rules.autostartAllowed()) {
      throw new InvalidInputException("autostart", "the template does not allow autostart");
    }
    if (!autostart.isReadable()) {
      throw new InvalidInputException("autostart", "days of the week, a time of day HH:mm and an IANA time zone");
    }
    return autostart.nextAfter(clock.instant()).atOffset(ZoneOffset.UTC);
  }

  /** A dormant workspace is listed again and may start; it counts as used now, so it is not made dormant again at once. */
  public Future<Workspace> wake(Caller caller, UUID workspaceId) {
    return workspaces.get(caller, workspaceId, WorkspaceUse.WRITE).compose(w -> w.dormantAt() == null
        ? Future.succeededFuture(w)
        : repository.wake(w.id(), OffsetDateTime.now(clock), AuditRecord.success(caller, AuditAction.WORKSPACE_WAKE,
            w.id(), w.name(), AuditChange.NONE))
            .compose(woken -> workspaces.reread(workspaceId).compose(now -> woken || now.dormantAt() == null
                ? Future.succeededFuture(now)
                // a deletion of the dormant workspace began first
                : Future.<Workspace>failedFuture(new ConflictException("workspace '" + now.name() + "' is "
                    + now.state() + " and can no longer be woken"))))
            .onSuccess(awake -> {
              LOG.info("workspace {} woken from dormancy by {}", w.id(), caller.username());
              events.workspaceChanged(awake);
            }));
  }

  /** Counts the running workspace as used now: its deadline moves a whole timeout on. */
  public Future<Workspace> extend(Caller caller, UUID workspaceId) {
    return workspaces.get(caller, workspaceId, WorkspaceUse.WRITE).compose(w -> {
      if (w.state() != WorkspaceState.RUNNING) {
        return Future.failedFuture(new ConflictException("workspace '" + w.name() + "' is " + w.state()
            + "; only a running workspace can be extended"));
      }
      OffsetDateTime now = OffsetDateTime.now(clock);
      return repository.recordActivity(w.id(), now, Duration.ZERO, AuditRecord.success(caller,
              AuditAction.WORKSPACE_EXTEND, w.id(), w.name(), AuditChange.of("lastUsedAt",
                  w.lastUsedAt() == null ? null : w.lastUsedAt().toString(), now.toString())))
          .compose(written -> workspaces.reread(workspaceId))
          .onSuccess(extended -> {
            LOG.info("workspace {} extended by {} until {}", w.id(), caller.username(), extended.stopsAt());
            events.workspaceChanged(extended);
          });
    });
  }
}
