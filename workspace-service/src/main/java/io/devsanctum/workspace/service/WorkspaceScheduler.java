package io.devsanctum.workspace.service;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.contract.audit.AuditAction;
import io.devsanctum.common.contract.audit.AuditChange;
import io.devsanctum.common.contract.audit.AuditRecord;
import io.devsanctum.common.contract.workspace.Deployment;
import io.devsanctum.common.contract.workspace.ScheduleReason;
import io.devsanctum.common.contract.workspace.TemplateSchedule;
import io.devsanctum.common.contract.workspace.Transition;
import io.devsanctum.common.contract.workspace.Workspace;
import io.devsanctum.common.contract.workspace.WorkspaceState;
import io.devsanctum.workspace.model.StoredTemplate;
import io.devsanctum.workspace.repository.TemplateRepository;
import io.devsanctum.workspace.repository.WorkspaceRepository;
import io.devsanctum.workspace.repository.WorkspaceRepository.UsageCheck;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acts on workspaces' schedules (docs/architecture.md §7): stops a running workspace past its
 * inactivity deadline, starts a stopped one whose autostart time came, makes one stopped and unused
 * for its template's dormancy age dormant, and deletes one dormant, or failed, for its template's
 * ages. Each action but dormancy is the ordinary transition, begun by the schedule (its deployment's
 * initiator) with a first log line saying why (becoming dormant is a change of the workspace, published
 * like any other),
 * and only if the workspace is as this pass saw it, so that with several instances exactly one acts
 * on a deadline, and a user's own action or a use racing it wins or loses cleanly. Deadlines and
 * autostart times are stored, not timers: one that passed while every instance was down is acted on
 * by the first pass after. Time is {@code clock}'s.
 */
public class WorkspaceScheduler {

  private static final Logger LOG = LoggerFactory.getLogger(WorkspaceScheduler.class);
  /** The actor of what the schedule does, in the audit log. */
  private static final Caller SCHEDULE = Caller.service("schedule");

  private final WorkspaceRepository workspaces;
  private final TemplateService templates;
  private final TemplateRepository storedTemplates;
  private final QuotaService quotas;
  private final LifecycleOrchestrator orchestrator;
  private final DeploymentLog log;
  private final WorkspaceEvents events;
  private final Clock clock;
  private final MeterRegistry metrics;

  public WorkspaceScheduler(WorkspaceRepository workspaces, TemplateService templates, TemplateRepository storedTemplates,
      QuotaService quotas,
      LifecycleOrchestrator orchestrator, DeploymentLog log, WorkspaceEvents events, Clock clock,
      MeterRegistry metrics) {
    this.workspaces = workspaces;
    this.templates = templates;
    this.storedTemplates = storedTemplates;
    this.quotas = quotas;
    this.orchestrator = orchestrator;
    this.log = log;
    this.events = events;
    this.clock = clock;
    this.metrics = metrics;
  }

  /** One pass over every workspace; completes when each due action has begun (or lost its race). */
  public Future<Void> runOnce() {
    Instant now = clock.instant();
    return Future.all(workspaces.listLive(), storedTemplates.list(true)).compose(read -> {
      List<Workspace> live = read.resultAt(0);
      Map<UUID, TemplateSchedule> rules = read.<List<StoredTemplate>>resultAt(1).stream()
          .collect(Collectors.toMap(StoredTemplate::id, StoredTemplate::schedule));
      List<Future<?>> actions = new ArrayList<>();
      for (Workspace w : live) {
        TemplateSchedule template = rules.getOrDefault(w.templateId(), TemplateSchedule.DEFAULT);
        if (w.state() == WorkspaceState.RUNNING && due(w.stopsAt(), now)) {
          actions.add(stopInactive(w).recover(failure -> failed(w, "stop", failure)));
        } else if (due(w.nextAutostartAt(), now)) {
          actions.add(autostart(w, now).recover(failure -> failed(w, "start", failure)));
        } else if (due(w.deletesAt(), now)) {
          actions.add(delete(w, template).recover(failure -> failed(w, "delete", failure)));
        } else if (w.state() == WorkspaceState.STOPPED && w.dormantAt() == null && template.dormantAfterDays() != null
            && due(lastUse(w).plusDays(template.dormantAfterDays()), now)) {
          actions.add(makeDormant(w, template, now).recover(failure -> failed(w, "dormancy", failure)));
        }
      }
      return Future.join(actions).mapEmpty();
    });
  }

  /** What the schedule does is recorded with the schedule as its actor, and why. */
  private static AuditRecord bySchedule(AuditAction action, Workspace w, ScheduleReason reason) {
    return AuditRecord.success(SCHEDULE, action, w.id(), w.name(),
        AuditChange.of("reason", null, reason.name().toLowerCase()));
  }

  private static boolean due(OffsetDateTime at, Instant now) {
    return at != null && !at.toInstant().isAfter(now);
  }

  private static OffsetDateTime lastUse(Workspace w) {
    return w.lastUsedAt() != null ? w.lastUsedAt() : w.updatedAt();
  }

  /** Hidden from the default list, it cannot start until its owner or an admin wakes it. */
  private Future<Void> makeDormant(Workspace w, TemplateSchedule template, Instant now) {
    return workspaces.makeDormant(w, now.atOffset(ZoneOffset.UTC), bySchedule(AuditAction.WORKSPACE_DORMANT, w,
        ScheduleReason.DORMANCY)).compose(made -> {
      if (!made) {
        return Future.succeededFuture();
      }
      LOG.info("workspace {} ({}/{}) is dormant: stopped and unused since {}, for more than {} days{}", w.id(),
          w.ownerName(), w.name(), lastUse(w), template.dormantAfterDays(), template.deleteDormantAfterDays() == null
              ? "" : "; it is deleted after " + template.deleteDormantAfterDays() + " more days unless woken");
      count("dormant", ScheduleReason.DORMANCY);
      return workspaces.find(w.id()).map(found -> {
        found.ifPresent(events::workspaceChanged);
        return null;
      });
    });
  }

  /** A workspace dormant, or failed, for its template's age is deleted, home and all. */
  private Future<Void> delete(Workspace w, TemplateSchedule template) {
    boolean dormant = w.dormantAt() != null;
    ScheduleReason reason = dormant ? ScheduleReason.DORMANCY : ScheduleReason.FAILED_TTL;
    String why = dormant
        ? "deleting: dormant since " + w.dormantAt() + ", for " + template.deleteDormantAfterDays()
            + " days without being woken; its home volume goes with it"
        : "deleting: failed since " + w.updatedAt() + " (" + w.failureReason() + "), for more than "
            + template.deleteFailedAfterDays() + " days; its home volume goes with it";
    return workspaces.beginScheduled(w, Transition.DELETE, reason, null, UsageCheck.NONE,
            bySchedule(AuditAction.WORKSPACE_DELETE, w, reason))
        .compose(begun -> drive(w, begun, why, "delete", reason));
  }

  private Future<Void> stopInactive(Workspace w) {
    OffsetDateTime since = lastUse(w);
    String why = "stopping: unused since " + since + ", for longer than its inactivity timeout of "
        + Duration.between(since, w.stopsAt()).toMinutes() + " minutes; the home volume is kept";
    return workspaces.beginScheduled(w, Transition.STOP, ScheduleReason.INACTIVITY, null, UsageCheck.NONE,
            bySchedule(AuditAction.WORKSPACE_STOP, w, ScheduleReason.INACTIVITY))
        .compose(begun -> drive(w, begun, why, "stop", ScheduleReason.INACTIVITY));
  }

  /**
   * A stopped workspace whose autostart time came starts; the next occurrence is stored with it.
   * One that is not stopped then (running already, busy, failed) lets this occurrence pass.
   */
  private Future<Void> autostart(Workspace w, Instant now) {
    OffsetDateTime next = w.schedule().autostart().nextAfter(now).atOffset(ZoneOffset.UTC);
    if (w.state() != WorkspaceState.STOPPED) {
      return workspaces.moveAutostart(w.id(), w.nextAutostartAt(), next).mapEmpty();
    }
    String why = "starting: its autostart schedule (" + String.join(", ", w.schedule().autostart().days().stream()
        .map(day -> day.name().toLowerCase()).toList()) + " at " + w.schedule().autostart().time() + " "
        + w.schedule().autostart().timezone() + ") came due at " + w.nextAutostartAt() + "; next at " + next;
    return templates.version(w.templateVersionId())
        .compose(version -> quotas.startCheck(w.ownerId(), version.spec()))
        .compose(withinQuota -> workspaces.beginScheduled(w, Transition.START, ScheduleReason.AUTOSTART, next,
            withinQuota, bySchedule(AuditAction.WORKSPACE_START, w, ScheduleReason.AUTOSTART)))
        .recover(refused -> {
          // over quota now, say: this occurrence passes, and the owner sees why in the service log
          LOG.warn("workspace {} was not autostarted: {}", w.id(), refused.getMessage());
          return workspaces.moveAutostart(w.id(), w.nextAutostartAt(), next).map(Optional.empty());
        })
        .compose(begun -> drive(w, begun, why, "start", ScheduleReason.AUTOSTART));
  }

  private Future<Void> drive(Workspace w, Optional<Deployment> begun, String why, String action,
      ScheduleReason reason) {
    if (begun.isEmpty()) {
      // another instance acted first, or the owner did, or it was used meanwhile
      return Future.succeededFuture();
    }
    Deployment d = begun.get();
    LOG.info("workspace {} ({}/{}): deployment #{} {}", w.id(), w.ownerName(), w.name(), d.number(), why);
    count(action, reason);
    return log.info(d, null, why)
        .otherwiseEmpty() // the deployment goes on without its first line rather than not at all
        .compose(logged -> workspaces.find(w.id()))
        .map(found -> {
          found.ifPresent(events::workspaceChanged);
          orchestrator.drive(d);
          return null;
        });
  }

  private void count(String action, ScheduleReason reason) {
    Counter.builder("devsanctum.workspace.scheduled")
        .description("What the schedule did (stop, start, dormant, delete), by reason")
        .tag("action", action)
        .tag("reason", reason.name().toLowerCase().replace('_', '-'))
        .register(metrics)
        .increment();
  }

  private Future<Void> failed(Workspace w, String action, Throwable failure) {
    LOG.warn("workspace {}: the scheduled {} did not begin: {}", w.id(), action, failure.getMessage());
    return Future.succeededFuture();
  }
}
