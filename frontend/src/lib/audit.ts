import { AUDIT_ACTIONS, AUDIT_TARGET_TYPES } from '../api/contractEnums';
import type { AuditAction, AuditQuery, AuditRecord, AuditTargetType } from '../api/types';

/**
 * What the audit log is narrowed to, as the page's filter fields hold it; empty fields do not
 * narrow. `from`/`to` are local times as a datetime-local input gives them (YYYY-MM-DDTHH:mm).
 */
export interface AuditFilter {
  actorName: string;
  action: AuditAction | '';
  targetType: AuditTargetType | '';
  targetId: string;
  result: 'success' | 'refused' | '';
  from: string;
  to: string;
}

export const NO_AUDIT_FILTER: AuditFilter = { actorName: '', action: '', targetType: '', targetId: '', result: '', from: '', to: '' };

/** The filter's fields under the names the address bar (and the API) give them. */
const PARAMS: Record<keyof AuditFilter, string> = {
  actorName: 'actorName', action: 'action', targetType: 'targetType', targetId: 'targetId', result: 'result', from: 'from', to: 'to',
};

/** How many records a page of the table holds. */
export const AUDIT_PAGE_LIMIT = 50;

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | '' =>
  value !== null && (values as readonly string[]).includes(value) ? (value as T) : '';

/** The filter a page address holds (values the contract does not know are dropped). */
export function auditFilterFrom(search: URLSearchParams): AuditFilter {
  return {
    actorName: search.get(PARAMS.actorName) ?? '',
    action: oneOf(AUDIT_ACTIONS, search.get(PARAMS.action)),
    targetType: oneOf(AUDIT_TARGET_TYPES, search.get(PARAMS.targetType)),
    targetId: search.get(PARAMS.targetId) ?? '',
    result: oneOf(['success', 'refused'] as const, search.get(PARAMS.result)),
    from: search.get(PARAMS.from) ?? '',
    to: search.get(PARAMS.to) ?? '',
  };
}

/** The address's search part for a filter: only its fields that narrow. */
export function auditSearchOf(filter: AuditFilter): URLSearchParams {
  const search = new URLSearchParams();
  for (const field of Object.keys(PARAMS) as (keyof AuditFilter)[]) {
    const value = filter[field].trim();
    if (value) search.set(PARAMS[field], value);
  }
  return search;
}

/** A local date-time (datetime-local) as the instant the API takes; undefined when empty or no time. */
export function instantOf(local: string): string | undefined {
  if (!local.trim()) return undefined;
  const at = new Date(local);
  return Number.isNaN(at.getTime()) ? undefined : at.toISOString();
}

/** Why a filter cannot be asked for as it stands (field → reason); empty when it can. */
export function auditFilterProblems(filter: AuditFilter): Partial<Record<keyof AuditFilter, string>> {
  const problems: Partial<Record<keyof AuditFilter, string>> = {};
  if (filter.from.trim() && !instantOf(filter.from)) problems.from = 'not a date and time';
  if (filter.to.trim() && !instantOf(filter.to)) problems.to = 'not a date and time';
  const from = instantOf(filter.from);
  const to = instantOf(filter.to);
  if (from && to && from >= to) problems.to = 'must be after From';
  if (filter.targetId.trim() && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(filter.targetId.trim())) {
    problems.targetId = 'an id (UUID)';
  }
  return problems;
}

/** The query of GET /api/v1/audit for a filter (and the page after `cursor`). */
export function auditQuery(filter: AuditFilter, cursor?: string, limit: number = AUDIT_PAGE_LIMIT): AuditQuery {
  const query: AuditQuery = { limit };
  const actorName = filter.actorName.trim();
  const targetId = filter.targetId.trim();
  const from = instantOf(filter.from);
  const to = instantOf(filter.to);
  if (actorName) query.actorName = actorName;
  if (filter.action) query.action = filter.action;
  if (filter.targetType) query.targetType = filter.targetType;
  if (targetId) query.targetId = targetId;
  if (filter.result) query.result = filter.result;
  if (from) query.from = from;
  if (to) query.to = to;
  if (cursor) query.cursor = cursor;
  return query;
}

/** Where the CSV export of everything the filter matches is downloaded from (same origin, the session's cookies). */
export function auditCsvUrl(filter: AuditFilter): string {
  const search = new URLSearchParams({ format: 'csv' });
  for (const [name, value] of Object.entries(auditQuery(filter))) {
    // the export is the whole range; the limit is only how the server reads it, page by page
    if (value !== undefined && name !== 'limit') search.set(name, String(value));
  }
  return '/api/v1/audit?' + search.toString();
}

/** One setting of a change: as it was, as it became, and how it moved. */
export interface ChangedSetting {
  key: string;
  before: string | undefined;
  after: string | undefined;
  kind: 'added' | 'removed' | 'changed' | 'unchanged';
}

/** A record's change, setting by setting in key order; which ones the action changed. */
export function changeDiff(change: AuditRecord['change']): ChangedSetting[] {
  const before: Record<string, string> = change.before ?? {};
  const after: Record<string, string> = change.after ?? {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys.map((key) => {
    const was = Object.hasOwn(before, key) ? before[key] : undefined;
    const is = Object.hasOwn(after, key) ? after[key] : undefined;
    const kind = was === undefined ? 'added' : is === undefined ? 'removed' : was === is ? 'unchanged' : 'changed';
    return { key, before: was, after: is, kind };
  });
}

/** Who acted, for people: the user's name, or the part of DevSanctum, or the login an anonymous caller gave. */
export function actorLabel(actor: AuditRecord['actor']): string {
  if (actor.name) return actor.name;
  return actor.kind === 'user' ? (actor.userId ?? 'a user') : actor.kind;
}

/** What was acted on, for people: its name, else its id, else its type alone. */
export function targetLabel(target: AuditRecord['target']): string {
  return target.name ?? target.id ?? '—';
}
