import type { Autostart, TemplateSchedule, WorkspaceSchedule } from '../api/types';
import { INACTIVITY_TIMEOUT_LIMITS as LIMITS, SCHEDULE_DAYS_LIMITS as DAYS_LIMITS } from '../api/templateLimits';

export type Day = Autostart['days'][number];
export const DAYS: Day[] = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
const TIME = /^(?:[01][0-9]|2[0-3]):[0-5][0-9]$/;

/** A template's schedule as given (fields with defaults may be absent). */
type Rules = Partial<TemplateSchedule> | undefined;

/** A template's schedule with the API's defaults filled in (as workspace-service reads it). */
export function templateRules(schedule: Rules) {
  return {
    timeout: schedule?.inactivityTimeoutMinutes ?? null,
    ownerMayChange: schedule?.ownerMayChangeTimeout ?? true,
    min: schedule?.minInactivityTimeoutMinutes ?? LIMITS.min,
    max: schedule?.maxInactivityTimeoutMinutes ?? LIMITS.max,
    autostartAllowed: schedule?.autostartAllowed ?? true,
    dormantAfterDays: schedule?.dormantAfterDays ?? null,
    deleteDormantAfterDays: schedule?.deleteDormantAfterDays ?? null,
    deleteFailedAfterDays: schedule?.deleteFailedAfterDays ?? null,
  };
}

/** The inactivity timeout a workspace has (minutes), or null when it never stops on its own. */
export function effectiveTimeout(rules: Rules, own: WorkspaceSchedule | undefined): number | null {
  const r = templateRules(rules);
  return r.ownerMayChange && own?.inactivityTimeoutMinutes != null ? own.inactivityTimeoutMinutes : r.timeout;
}

/** The admin's form for a template's schedule (numbers as text while typing). */
export interface TemplateScheduleForm {
  timeout: string; ownerMayChange: boolean; min: string; max: string; autostartAllowed: boolean;
  /** ages in days; empty: never */
  dormantAfter: string; deleteDormantAfter: string; deleteFailedAfter: string;
}

const text = (v: number | null | undefined) => (v == null ? '' : String(v));

export function templateScheduleToForm(schedule: Rules): TemplateScheduleForm {
  const r = templateRules(schedule);
  return {
    timeout: text(r.timeout), ownerMayChange: r.ownerMayChange, min: text(r.min), max: text(r.max), autostartAllowed: r.autostartAllowed,
    dormantAfter: text(r.dormantAfterDays), deleteDormantAfter: text(r.deleteDormantAfterDays), deleteFailedAfter: text(r.deleteFailedAfterDays),
  };
}

function minutes(value: string, key: string, min: number, max: number, errors: Record<string, string>): number {
  const n = Number(value.trim());
  if (value.trim() === '' || !Number.isInteger(n) || n < min || n > max) errors[key] = `whole minutes between ${min} and ${max}`;
  return n;
}

/** The schedule to send, and problems keyed as the API names them (`schedule.inactivityTimeoutMinutes`). */
export function formToTemplateSchedule(form: TemplateScheduleForm): { schedule: TemplateSchedule; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const min = minutes(form.min, 'schedule.minInactivityTimeoutMinutes', LIMITS.min, LIMITS.max, errors);
  const max = minutes(form.max, 'schedule.maxInactivityTimeoutMinutes', LIMITS.min, LIMITS.max, errors);
  if (!errors['schedule.minInactivityTimeoutMinutes'] && !errors['schedule.maxInactivityTimeoutMinutes'] && min > max) {
    errors['schedule.minInactivityTimeoutMinutes'] = 'at most the longest timeout';
  }
  const timeout = form.timeout.trim() === '' ? null
    : minutes(form.timeout, 'schedule.inactivityTimeoutMinutes', Math.min(min, max), Math.max(min, max), errors);
  const days = (value: string, key: string) => {
    if (value.trim() === '') return null;
    const n = Number(value.trim());
    if (!Number.isInteger(n) || n < DAYS_LIMITS.min || n > DAYS_LIMITS.max) errors[key] = `whole days between ${DAYS_LIMITS.min} and ${DAYS_LIMITS.max}`;
    return n;
  };
  const dormantAfterDays = days(form.dormantAfter, 'schedule.dormantAfterDays');
  const deleteDormantAfterDays = days(form.deleteDormantAfter, 'schedule.deleteDormantAfterDays');
  if (deleteDormantAfterDays !== null && dormantAfterDays === null) {
    errors['schedule.deleteDormantAfterDays'] = 'only dormant workspaces are deleted: set when they become dormant';
  }
  return {
    schedule: { inactivityTimeoutMinutes: timeout, ownerMayChangeTimeout: form.ownerMayChange, minInactivityTimeoutMinutes: min,
      maxInactivityTimeoutMinutes: max, autostartAllowed: form.autostartAllowed, dormantAfterDays, deleteDormantAfterDays,
      deleteFailedAfterDays: days(form.deleteFailedAfter, 'schedule.deleteFailedAfterDays') },
    errors,
  };
}

/** The owner's form for a workspace's schedule. */
export interface WorkspaceScheduleForm { timeout: string; autostart: boolean; days: Day[]; time: string; timezone: string }

export function workspaceScheduleToForm(schedule: WorkspaceSchedule | undefined, localZone: string): WorkspaceScheduleForm {
  const autostart = schedule?.autostart ?? null;
  return {
    timeout: text(schedule?.inactivityTimeoutMinutes),
    autostart: autostart !== null,
    days: autostart?.days ?? ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'],
    time: autostart?.time ?? '08:00',
    timezone: autostart?.timezone ?? localZone,
  };
}

/** The schedule to send, checked against what the template allows; problems keyed as the API names them. */
export function formToWorkspaceSchedule(form: WorkspaceScheduleForm, rules: Rules):
  { schedule: WorkspaceSchedule; errors: Record<string, string> } {
  const r = templateRules(rules);
  const errors: Record<string, string> = {};
  let timeout: number | null = null;
  if (form.timeout.trim() !== '') {
    if (!r.ownerMayChange) errors.inactivityTimeoutMinutes = 'the template does not let owners change it';
    else timeout = minutes(form.timeout, 'inactivityTimeoutMinutes', r.min, r.max, errors);
  }
  let autostart: Autostart | undefined;
  if (form.autostart) {
    if (!r.autostartAllowed) errors.autostart = 'the template does not allow autostart';
    else if (form.days.length === 0) errors.autostart = 'pick at least one day';
    else if (!TIME.test(form.time)) errors.autostart = 'a time of day, HH:mm';
    else if (!form.timezone.trim()) errors.autostart = 'a time zone, e.g. Europe/Berlin';
    else autostart = { days: DAYS.filter((d) => form.days.includes(d)), time: form.time, timezone: form.timezone.trim() };
  }
  // no autostart is said by leaving it out
  return { schedule: { inactivityTimeoutMinutes: timeout, ...(autostart ? { autostart } : {}) }, errors };
}
