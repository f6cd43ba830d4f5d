package io.devsanctum.common.contract.workspace;

import io.devsanctum.common.bus.Nullable;

/**
 * When a template's workspaces stop, start and go on their own (docs/architecture.md §7,
 * scheduling). Absent fields take the defaults the API document states ({@link TemplateLimits}).
 *
 * @param inactivityTimeoutMinutes how long a running workspace may go unused before it is stopped;
 *                                 null: its workspaces do not stop on their own (unless their owner sets a timeout)
 * @param ownerMayChangeTimeout    whether owners may set their own timeout, within the bounds below
 * @param minInactivityTimeoutMinutes the shortest timeout an owner may set
 * @param maxInactivityTimeoutMinutes the longest timeout an owner may set
 * @param autostartAllowed         whether owners may give their workspaces an autostart schedule
 * @param dormantAfterDays         a workspace stopped and unused this long becomes dormant (hidden, cannot
 *                                 start until woken); null: never
 * @param deleteDormantAfterDays   a workspace dormant this long is deleted; null: never
 * @param deleteFailedAfterDays    a workspace failed this long is deleted; null: never
 */
public record TemplateSchedule(
    @Nullable Integer inactivityTimeoutMinutes,
    @Nullable Boolean ownerMayChangeTimeout,
    @Nullable Integer minInactivityTimeoutMinutes,
    @Nullable Integer maxInactivityTimeoutMinutes,
    @Nullable Boolean autostartAllowed,
    @Nullable Integer dormantAfterDays,
    @Nullable Integer deleteDormantAfterDays,
    @Nullable Integer deleteFailedAfterDays) {

  /** A template that says nothing about scheduling: the defaults. */
  public static final TemplateSchedule DEFAULT = new TemplateSchedule(null, null, null, null, null, null, null, null);

  public TemplateSchedule {
    ownerMayChangeTimeout = ownerMayChangeTimeout == null || ownerMayChangeTimeout;
    minInactivityTimeoutMinutes = minInactivityTimeoutMinutes == null
        ? TemplateLimits.INACTIVITY_TIMEOUT_MINUTES.min() : minInactivityTimeoutMinutes;
    maxInactivityTimeoutMinutes = maxInactivityTimeoutMinutes == null
        ? TemplateLimits.INACTIVITY_TIMEOUT_MINUTES.max() : maxInactivityTimeoutMinutes;
    autostartAllowed = autostartAllowed == null || autostartAllowed;
  }

  /** The inactivity timeout of a workspace of this template whose owner chose {@code own}; null: none. */
  public Integer timeoutFor(WorkspaceSchedule own) {
    return ownerMayChangeTimeout && own.inactivityTimeoutMinutes() != null
        ? own.inactivityTimeoutMinutes() : inactivityTimeoutMinutes;
  }
}
