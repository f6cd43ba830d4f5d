import { describe, expect, it } from 'vitest';
import { INACTIVITY_TIMEOUT_LIMITS } from '../api/templateLimits';
import {
  effectiveTimeout, formToTemplateSchedule, formToWorkspaceSchedule, templateScheduleToForm, workspaceScheduleToForm,
} from './schedule';

describe('effectiveTimeout', () => {
  it('is the owner’s own when the template lets them choose, else the template’s', () => {
    expect(effectiveTimeout({ inactivityTimeoutMinutes: 60 }, { inactivityTimeoutMinutes: 15 })).toBe(15);
    expect(effectiveTimeout({ inactivityTimeoutMinutes: 60, ownerMayChangeTimeout: false }, { inactivityTimeoutMinutes: 15 })).toBe(60);
    expect(effectiveTimeout({}, {})).toBeNull();
  });
});

describe('template schedule form', () => {
  it('round-trips with the contract’s bounds as defaults', () => {
    const form = templateScheduleToForm(undefined);
    expect(form).toEqual({ timeout: '', ownerMayChange: true, min: String(INACTIVITY_TIMEOUT_LIMITS.min),
      max: String(INACTIVITY_TIMEOUT_LIMITS.max), autostartAllowed: true, dormantAfter: '', deleteDormantAfter: '', deleteFailedAfter: '' });
    const { schedule, errors } = formToTemplateSchedule({ ...form, timeout: '90' });
    expect(errors).toEqual({});
    expect(schedule.inactivityTimeoutMinutes).toBe(90);
  });

  it('names what is out of bounds as the API does', () => {
    const base = templateScheduleToForm(undefined);
    const { errors } = formToTemplateSchedule({ ...base, timeout: '5', min: '30', max: '20' });
    expect(errors['schedule.minInactivityTimeoutMinutes']).toBe('at most the longest timeout');
    expect(formToTemplateSchedule({ ...base, timeout: '10', min: '30', max: '60' })
      .errors['schedule.inactivityTimeoutMinutes']).toBe('whole minutes between 30 and 60');
    expect(formToTemplateSchedule({ ...base, deleteDormantAfter: '30' }).errors['schedule.deleteDormantAfterDays'])
      .toContain('only dormant workspaces are deleted');
    expect(formToTemplateSchedule({ ...base, dormantAfter: '7', deleteDormantAfter: '30' }).schedule)
      .toMatchObject({ dormantAfterDays: 7, deleteDormantAfterDays: 30, deleteFailedAfterDays: null });
  });
});

describe('workspace schedule form', () => {
  it('sends weekdays in order, a time and a zone', () => {
    const form = { ...workspaceScheduleToForm(undefined, 'Europe/Berlin'), autostart: true, days: ['FRIDAY', 'MONDAY'] as const };
    const { schedule, errors } = formToWorkspaceSchedule({ ...form, days: [...form.days] }, {});
    expect(errors).toEqual({});
    expect(schedule).toEqual({ inactivityTimeoutMinutes: null, autostart: { days: ['MONDAY', 'FRIDAY'], time: '08:00', timezone: 'Europe/Berlin' } });
    expect(formToWorkspaceSchedule({ ...form, days: [...form.days], autostart: false }, {}).schedule)
      .toEqual({ inactivityTimeoutMinutes: null });
  });

  it('refuses what the template does not allow and a timeout outside its bounds', () => {
    const form = { ...workspaceScheduleToForm(undefined, 'UTC'), timeout: '300', autostart: true };
    const rules = { minInactivityTimeoutMinutes: 10, maxInactivityTimeoutMinutes: 240, autostartAllowed: false };
    expect(formToWorkspaceSchedule(form, rules).errors).toEqual({
      inactivityTimeoutMinutes: 'whole minutes between 10 and 240', autostart: 'the template does not allow autostart',
    });
    expect(formToWorkspaceSchedule({ ...form, timeout: '30' }, { ownerMayChangeTimeout: false }).errors.inactivityTimeoutMinutes)
      .toBe('the template does not let owners change it');
  });
});
