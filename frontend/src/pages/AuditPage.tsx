import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { api, call, checkSession, viewOf } from '../api/client';
import { AUDIT_ACTIONS, AUDIT_TARGET_TYPES } from '../api/contractEnums';
import type { ProblemView } from '../api/problem';
import type { AuditEventsPage, AuditRecord } from '../api/types';
import {
  actorLabel,
  auditCsvUrl,
  auditFilterFrom,
  auditFilterProblems,
  auditQuery,
  auditSearchOf,
  changeDiff,
  NO_AUDIT_FILTER,
  targetLabel,
  type AuditFilter,
  type ChangedSetting,
} from '../lib/audit';
import { formatRelative, formatTime } from '../lib/format';
import { PageHeader } from '../components/AppShell';
import { Badge, Button, buttonClass, Dialog, EmptyState, ErrorBanner, Loading, Select, Table, TextInput } from '../ui';

/** The records shown, and where the next page starts (none: the last page is shown). */
interface Shown {
  events: AuditRecord[];
  nextCursor: string | undefined;
}

const FILTER_FIELDS = ['actorName', 'action', 'targetType', 'targetId', 'result', 'from', 'to'];

/** A page of the log as JSON (the operation answers CSV only when asked for it, which this never does). */
async function fetchPage(filter: AuditFilter, cursor?: string): Promise<AuditEventsPage> {
  return (await call(api.GET('/api/v1/audit', { params: { query: auditQuery(filter, cursor) } }), FILTER_FIELDS)) as AuditEventsPage;
}

/** The audit log: filtered (the filter lives in the address), newest first, a page at a time. */
export function AuditPage() {
  const [search, setSearch] = useSearchParams();
  const filter = auditFilterFrom(search);
  const filterKey = auditSearchOf(filter).toString();
  const [shown, setShown] = useState<Shown | null>(null);
  const [error, setError] = useState<ProblemView | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [selected, setSelected] = useState<AuditRecord | null>(null);
  // an answer for a filter no longer shown is dropped
  const current = useRef(filterKey);

  const loadFirst = useCallback(async () => {
    current.current = filterKey;
    setShown(null);
    setError(null);
    try {
      const page = await fetchPage(auditFilterFrom(new URLSearchParams(filterKey)));
      if (current.current === filterKey) setShown({ events: page.events, nextCursor: page.nextCursor ?? undefined });
    } catch (e) {
      if (current.current === filterKey) setError(viewOf(e));
    }
  }, [filterKey]);

  useEffect(() => {
    void loadFirst();
  }, [loadFirst]);

  async function loadMore() {
    if (!shown?.nextCursor) return;
    const asked = filterKey;
    setLoadingMore(true);
    try {
      const page = await fetchPage(filter, shown.nextCursor);
      if (current.current !== asked) return;
      setShown((before) => ({ events: [...(before?.events ?? []), ...page.events], nextCursor: page.nextCursor ?? undefined }));
      setError(null);
    } catch (e) {
      setError(viewOf(e));
    } finally {
      setLoadingMore(false);
    }
  }

  const applyFilter = (next: AuditFilter) => setSearch(auditSearchOf(next), { replace: true });

  async function exportCsv() {
    // a download cannot renew an expired session by itself: ask (and renew) first
    if ((await checkSession()) === 'ok') window.location.assign(auditCsvUrl(filter));
  }

  return (
    <>
      <PageHeader title="Audit log" subtitle="Who did what, newest first. Records are never changed or removed (only aged out)."
        actions={<a className={buttonClass()} href={auditCsvUrl(filter)} download="audit.csv" data-testid="audit-export"
          onClick={(event) => { event.preventDefault(); void exportCsv(); }}>Export CSV</a>} />
      <AuditFilters key={filterKey} filter={filter} problems={error?.fieldErrors ?? {}} onApply={applyFilter} />
      <ErrorBanner error={error} />
      {shown === null ? (
        !error && <Loading />
      ) : shown.events.length === 0 ? (
        <EmptyState title="No records">{filterKey ? 'No record matches the filter.' : 'Nothing has been recorded yet.'}</EmptyState>
      ) : (
        <>
          <AuditTable events={shown.events} onSelect={setSelected} />
          <div className="row-between">
            <span className="muted small" data-testid="audit-count">
              {shown.events.length} {shown.events.length === 1 ? 'record' : 'records'}{shown.nextCursor ? ', more to load' : ''}
            </span>
            {shown.nextCursor && <Button busy={loadingMore} onClick={() => void loadMore()}>Load more</Button>}
          </div>
        </>
      )}
      {selected && <AuditRecordDialog record={selected} onClose={() => setSelected(null)}
        onShowTarget={(record) => {
          setSelected(null);
          applyFilter({ ...NO_AUDIT_FILTER, targetType: record.target.type, targetId: record.target.id ?? '' });
        }} />}
    </>
  );
}

/** The filter fields; they take effect when applied. */
function AuditFilters({ filter, problems, onApply }: {
  filter: AuditFilter;
  problems: Record<string, string>;
  onApply: (filter: AuditFilter) => void;
}) {
  const [draft, setDraft] = useState(filter);
  const [local, setLocal] = useState<Partial<Record<keyof AuditFilter, string>>>({});
  const set = <K extends keyof AuditFilter>(field: K, value: AuditFilter[K]) => setDraft({ ...draft, [field]: value });

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = auditFilterProblems(draft);
    setLocal(found);
    if (Object.keys(found).length === 0) onApply(draft);
  }

  const err = (field: keyof AuditFilter) => local[field] ?? problems[field];
  return (
    <form className="filter-bar" onSubmit={submit} noValidate aria-label="Filter the audit log">
      <TextInput label="Actor" placeholder="username, schedule, reconciler" value={draft.actorName} error={err('actorName')}
        onChange={(e) => set('actorName', e.target.value)} />
      <Select label="Action" value={draft.action} error={err('action')} onChange={(e) => set('action', e.target.value as AuditFilter['action'])}>
        <option value="">any action</option>
        {AUDIT_ACTIONS.map((action) => <option key={action} value={action}>{action}</option>)}
      </Select>
      <Select label="Target type" value={draft.targetType} error={err('targetType')}
        onChange={(e) => set('targetType', e.target.value as AuditFilter['targetType'])}>
        <option value="">any target</option>
        {AUDIT_TARGET_TYPES.map((type) => <option key={type} value={type}>{type}</option>)}
      </Select>
      {draft.targetId && (
        <TextInput label="Target id" value={draft.targetId} error={err('targetId')} onChange={(e) => set('targetId', e.target.value)} />
      )}
      <Select label="Result" value={draft.result} error={err('result')} onChange={(e) => set('result', e.target.value as AuditFilter['result'])}>
        <option value="">any result</option>
        <option value="success">success</option>
        <option value="refused">refused</option>
      </Select>
      <TextInput label="From" type="datetime-local" value={draft.from} error={err('from')} onChange={(e) => set('from', e.target.value)} />
      <TextInput label="To" type="datetime-local" value={draft.to} error={err('to')} onChange={(e) => set('to', e.target.value)} />
      <div className="row">
        <Button type="submit" variant="primary">Apply filters</Button>
        <Button onClick={() => onApply(NO_AUDIT_FILTER)}>Clear</Button>
      </div>
    </form>
  );
}

export function AuditResult({ result }: { result: AuditRecord['result'] }) {
  if (result.success) return <Badge tone="success" dot>success</Badge>;
  return <Badge tone="danger" dot>refused{result.status ? ` ${result.status}` : ''}{result.code ? ` · ${result.code}` : ''}</Badge>;
}

function AuditTable({ events, onSelect }: { events: AuditRecord[]; onSelect: (record: AuditRecord) => void }) {
  return (
    <Table caption="Audit records" head={['Time', 'Actor', 'Action', 'Target', 'Result', 'Client address', '']}>
      {events.map((r) => (
        <tr key={r.id} data-audit={r.action} data-audit-id={r.id}>
          <td>
            <div className="stack-sm">
              <time dateTime={r.occurredAt} title={r.occurredAt}>{formatTime(r.occurredAt)}</time>
              <span className="muted small">{formatRelative(r.occurredAt)}</span>
            </div>
          </td>
          <td>
            <div className="row">
              <span>{actorLabel(r.actor)}</span>
              {r.actor.kind !== 'user' && <Badge tone={r.actor.kind === 'system' ? 'info' : 'warning'}>{r.actor.kind}</Badge>}
            </div>
          </td>
          <td className="mono">{r.action}</td>
          <td>
            <div className="stack-sm">
              <span>{targetLabel(r.target)}</span>
              <span className="muted small">{r.target.type}</span>
            </div>
          </td>
          <td><AuditResult result={r.result} /></td>
          <td className="mono">{r.clientAddress ?? '—'}</td>
          <td>
            <div className="table-actions">
              <Button size="sm" onClick={() => onSelect(r)}>Details</Button>
            </div>
          </td>
        </tr>
      ))}
    </Table>
  );
}

/** One record in full: who, what, from where, and its change as a before/after diff. */
export function AuditRecordDialog({ record, onClose, onShowTarget }: {
  record: AuditRecord;
  onClose: () => void;
  onShowTarget: (record: AuditRecord) => void;
}) {
  return (
    <Dialog open title={`${record.action} · ${targetLabel(record.target)}`} onClose={onClose}>
      <dl className="dl" data-testid="audit-record">
        <dt>Time</dt><dd><time dateTime={record.occurredAt}>{formatTime(record.occurredAt)}</time> ({formatRelative(record.occurredAt)})</dd>
        <dt>Actor</dt><dd>{actorLabel(record.actor)} <span className="muted small">({record.actor.kind}{record.actor.userId ? ` ${record.actor.userId}` : ''})</span></dd>
        <dt>Target</dt><dd>{record.target.type} {targetLabel(record.target)}{record.target.id && record.target.name ? <span className="muted small mono"> {record.target.id}</span> : null}</dd>
        <dt>Result</dt><dd><AuditResult result={record.result} /></dd>
        <dt>Client address</dt><dd className="mono">{record.clientAddress ?? '—'}</dd>
        <dt>User agent</dt><dd className="mono small">{record.userAgent ?? '—'}</dd>
        <dt>Request id</dt><dd className="mono small">{record.requestId ?? '—'}</dd>
      </dl>
      <ChangeDiff settings={changeDiff(record.change)} />
      <div className="dialog-actions">
        {record.target.id && <Button onClick={() => onShowTarget(record)}>Records of this {record.target.type}</Button>}
        <Button variant="primary" onClick={onClose}>Close</Button>
      </div>
    </Dialog>
  );
}

const KIND_LABELS: Record<ChangedSetting['kind'], string> = { added: 'added', removed: 'removed', changed: 'changed', unchanged: '' };

/** The change setting by setting: what changed side by side and marked, what did not folded away. */
export function ChangeDiff({ settings }: { settings: ChangedSetting[] }) {
  if (settings.length === 0) return <span className="muted small" data-testid="audit-no-change">The action changed no settings.</span>;
  const changed = settings.filter((s) => s.kind !== 'unchanged');
  const unchanged = settings.filter((s) => s.kind === 'unchanged');
  const row = (s: ChangedSetting) => (
    <tr key={s.key} className={s.kind === 'unchanged' ? undefined : `diff-${s.kind}`} data-setting={s.key} data-kind={s.kind}>
      <th scope="row" className="mono">{s.key}{KIND_LABELS[s.kind] && <span className="muted small"> {KIND_LABELS[s.kind]}</span>}</th>
      <td className="diff-before"><DiffValue value={s.before} /></td>
      <td className="diff-after"><DiffValue value={s.after} /></td>
    </tr>
  );
  return (
    <div className="stack-sm" data-testid="audit-diff">
      {changed.length === 0 ? <span className="muted small">No setting changed.</span> : (
        <table className="table diff">
          <caption className="visually-hidden">The change, before and after</caption>
          <thead><tr><th scope="col">Setting</th><th scope="col">Before</th><th scope="col">After</th></tr></thead>
          <tbody>{changed.map(row)}</tbody>
        </table>
      )}
      {unchanged.length > 0 && (
        <details data-testid="audit-unchanged">
          <summary className="muted small">{unchanged.length} unchanged {unchanged.length === 1 ? 'setting' : 'settings'}</summary>
          <table className="table diff">
            <caption className="visually-hidden">Settings the change left as they were</caption>
            <tbody>{unchanged.map(row)}</tbody>
          </table>
        </details>
      )}
    </div>
  );
}

function DiffValue({ value }: { value: string | undefined }) {
  return value === undefined ? <span className="muted">—</span> : <pre className="diff-value">{value}</pre>;
}
