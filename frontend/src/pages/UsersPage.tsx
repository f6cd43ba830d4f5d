import { useEffect, useState, type FormEvent } from 'react';
import { api, call, viewOf } from '../api/client';
import { allItems } from '../lib/pages';
import { useLoader } from '../lib/useLoader';
import type { ProblemView } from '../api/problem';
import { useSession } from '../api/session';
import type { Quota, Role, SignInLockout, SignInMethod, User } from '../api/types';
import { formatTime } from '../lib/format';
import { LOCKOUT_SCOPES, lockedUserIds, lockoutAccount, releaseOf, type LockoutRelease } from '../lib/lockouts';
import { usernameProblem } from '../lib/names';
import { PageHeader } from '../components/AppShell';
import { DeleteUserDialog, ResetPasswordDialog } from '../components/UserAccountDialogs';
import { Badge, Button, Card, Dialog, EmptyState, ErrorBanner, Loading, Select, Table, TextInput, useToast } from '../ui';

export function UsersPage() {
  const notify = useToast();
  const { user: me, can } = useSession();
  const mayTouchOwners = can('owner.write');
  const { data: users, setData: setUsers, error } = useLoader(
    () => allItems((paging) => call(api.GET('/api/v1/users', { params: { query: paging } })), (page) => page.users), []);
  const [creating, setCreating] = useState(false);
  const [quotaFor, setQuotaFor] = useState<User | null>(null);
  const [resetFor, setResetFor] = useState<User | null>(null);
  const [deleting, setDeleting] = useState<User | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const { data: lockouts, error: lockoutsError, reload: reloadLockouts } = useLoader(
    async () => (await call(api.GET('/api/v1/sign-in-lockouts'))).lockouts, []);
  const locked = lockedUserIds(lockouts ?? []);

  async function release(what: NonNullable<LockoutRelease>, done: string) {
    const key = what.kind === 'user' ? what.userId : what.address;
    setBusy(key + 'release');
    try {
      await call(what.kind === 'user'
        ? api.DELETE('/api/v1/users/{userId}/sign-in-lockouts', { params: { path: { userId: what.userId } } })
        : api.DELETE('/api/v1/sign-in-lockouts/addresses/{address}', { params: { path: { address: what.address } } }));
      notify(done, 'success');
      await reloadLockouts();
    } catch (e) {
      notify(viewOf(e).message, 'error');
    } finally {
      setBusy(null);
    }
  }

  // answers to changes carry the user without their sign-in methods, which the changes leave as they were
  const replace = (u: User) => setUsers((all) => all?.map((x) => (x.id === u.id ? { ...x, ...u } : x)) ?? all);

  async function act(u: User, what: 'suspend' | 'reactivate') {
    setBusy(u.id + what);
    try {
      const path = { params: { path: { userId: u.id } } };
      replace(await call(what === 'suspend'
        ? api.POST('/api/v1/users/{userId}/suspend', path)
        : api.POST('/api/v1/users/{userId}/reactivate', path)));
      notify(what === 'suspend' ? `${u.username} is suspended; their sessions ended` : `${u.username} is active again`, 'success');
    } catch (e) {
      notify(viewOf(e).message, 'error');
    } finally {
      setBusy(null);
    }
  }

  async function changeRole(u: User, role: Role) {
    setBusy(u.id + 'role');
    try {
      replace(await call(api.PUT('/api/v1/users/{userId}/role', { params: { path: { userId: u.id } }, body: { role } })));
      notify(`${u.username} is now ${role}`, 'success');
    } catch (e) {
      notify(viewOf(e).message, 'error');
    } finally {
      setBusy(null);
    }
  }

  return (
    <>
      <PageHeader title="Users" subtitle="Accounts, roles and quotas" actions={<Button variant="primary" onClick={() => setCreating(true)}>Create user</Button>} />
      <ErrorBanner error={error} />
      {users === null ? (
        !error && <Loading />
      ) : users.length === 0 ? (
        <EmptyState title="No users">Create the first user.</EmptyState>
      ) : (
        <Table caption="Users" head={['User', 'Email', 'Signs in with', 'Role', 'Status', 'Created', '']}>
          {users.map((u) => (
            <tr key={u.id} data-user={u.username}>
              <td>
                <div className="stack-sm">
                  <strong>{u.username}</strong>
                  {u.displayName && u.displayName !== u.username && <span className="muted small">{u.displayName}</span>}
                </div>
              </td>
              <td>{u.email}</td>
              <td><SignInMethods methods={u.signInMethods} /></td>
              <td>
                <select className="select" aria-label={`Role of ${u.username}`} value={u.role}
                  disabled={u.id === me.id || busy !== null || (u.role === 'owner' && !mayTouchOwners)}
                  onChange={(e) => void changeRole(u, e.target.value as Role)}>
                  <RoleOptions mayGrantOwner={mayTouchOwners} current={u.role} />
                </select>
              </td>
              <td>
                <div className="row">
                  <Badge tone={u.status === 'active' ? 'success' : 'danger'} dot>{u.status}</Badge>
                  {locked.has(u.id) && <Badge tone="warning">sign-in locked</Badge>}
                  {u.passwordChangeRequired && <Badge tone="info">must change password</Badge>}
                </div>
              </td>
              <td className="muted">{formatTime(u.createdAt)}</td>
              <td>
                <div className="table-actions">
                  {locked.has(u.id) && (
                    <Button size="sm" variant="primary" busy={busy === u.id + 'release'}
                      onClick={() => void release({ kind: 'user', userId: u.id }, `${u.username} can sign in again`)}>Unlock</Button>
                  )}
                  <Button size="sm" onClick={() => setQuotaFor(u)}>Quota</Button>
                  {u.id !== me.id && <Button size="sm" onClick={() => setResetFor(u)}>Reset password</Button>}
                  {u.id !== me.id && (u.status === 'active'
                    ? <Button size="sm" variant="ghost" busy={busy === u.id + 'suspend'} onClick={() => void act(u, 'suspend')}>Suspend</Button>
                    : <Button size="sm" busy={busy === u.id + 'reactivate'} onClick={() => void act(u, 'reactivate')}>Reactivate</Button>)}
                  {u.id !== me.id && <Button size="sm" variant="ghost" onClick={() => setDeleting(u)}>Delete</Button>}
                </div>
              </td>
            </tr>
          ))}
        </Table>
      )}
      <CreateUserDialog open={creating} onClose={() => setCreating(false)} onCreated={(u) => {
        setCreating(false);
        setUsers((all) => [...(all ?? []), { ...u, signInMethods: [{ provider: 'password', name: 'Password' }] }]);
        notify(`Created ${u.username}`, 'success');
      }} />
      <LockoutsCard lockouts={lockouts} error={lockoutsError} busy={busy} onRelease={release} />
      {quotaFor && <QuotaDialog user={quotaFor} onClose={() => setQuotaFor(null)} />}
      {resetFor && <ResetPasswordDialog user={resetFor} onClose={() => setResetFor(null)} onReset={(u) => {
        replace({ ...u, passwordChangeRequired: true });
        void reloadLockouts(); // a reset lifts the user's limits
      }} />}
      {deleting && <DeleteUserDialog user={deleting} onClose={() => setDeleting(null)} onDeleted={(u) => {
        setDeleting(null);
        setUsers((all) => all?.filter((x) => x.id !== u.id) ?? all);
        notify(`Deleted ${u.username}`, 'success');
        void reloadLockouts();
      }} />}
    </>
  );
}

/** How a user signs in: their password and the providers they have an identity at. */
export function SignInMethods({ methods }: { methods: SignInMethod[] }) {
  if (methods.length === 0) return <span className="muted small">no way yet</span>;
  return (
    <div className="row" data-testid="sign-in-methods">
      {methods.map((m, i) => (
        <Badge key={`${m.provider ?? m.name}-${i}`} tone={m.provider === 'password' ? 'neutral' : 'info'}>
          {m.provider ? m.name : `${m.name} (no longer configured)`}
        </Badge>
      ))}
    </div>
  );
}

/** The sign-in limits reached now: each lifted for its user, or for its address. */
function LockoutsCard({ lockouts, error, busy, onRelease }: {
  lockouts: SignInLockout[] | null;
  error: ProblemView | null;
  busy: string | null;
  onRelease: (what: NonNullable<LockoutRelease>, done: string) => Promise<void>;
}) {
  return (
    <Card title="Sign-in lockouts">
      <span className="muted small">
        Failed sign-ins are limited per account and address, per address, and per account from everywhere; a browser
        that has signed in to an account before is limited on its own, so others' failures never lock its owner out.
      </span>
      <ErrorBanner error={error} />
      {lockouts === null ? (
        !error && <Loading />
      ) : lockouts.length === 0 ? (
        <span className="muted small" data-testid="no-lockouts">No sign-in is locked out now.</span>
      ) : (
        <Table caption="Sign-in lockouts" head={['Limit', 'Account', 'Address', 'Failures', 'Locked until', '']}>
          {lockouts.map((l, i) => {
            const what = releaseOf(l);
            const key = what ? (what.kind === 'user' ? what.userId : what.address) : '';
            return (
              <tr key={`${l.scope}-${l.userId ?? l.login ?? ''}-${l.address ?? ''}-${i}`} data-lockout={l.username ?? l.address ?? l.login}>
                <td>{LOCKOUT_SCOPES[l.scope]}</td>
                <td>{lockoutAccount(l)}</td>
                <td className="mono">{l.address ?? '—'}</td>
                <td>{l.failures}</td>
                <td className="muted">{formatTime(l.lockedUntil)}</td>
                <td>
                  <div className="table-actions">
                    {what?.kind === 'user' && (
                      <Button size="sm" busy={busy === key + 'release'}
                        onClick={() => void onRelease(what, `${l.username ?? 'The user'} can sign in again`)}>Unlock</Button>
                    )}
                    {what?.kind === 'address' && (
                      <Button size="sm" busy={busy === key + 'release'}
                        onClick={() => void onRelease(what, `Sign-ins from ${what.address} are no longer held up`)}>Clear</Button>
                    )}
                    {!what && <span className="muted small">ends by itself</span>}
                  </div>
                </td>
              </tr>
            );
          })}
        </Table>
      )}
    </Card>
  );
}

const USER_FIELDS = ['email', 'username', 'displayName', 'password', 'role'];

function CreateUserDialog({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (u: User) => void }) {
  const mayGrantOwner = useSession().can('owner.write');
  const blank = { email: '', username: '', displayName: '', password: '', role: 'member' as Role };
  const [form, setForm] = useState(blank);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [error, setError] = useState<ProblemView | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (open) {
      setForm(blank);
      setLocal({});
      setError(null);
    }
  }, [open]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!form.email.includes('@')) problems.email = 'an email address is required';
    const u = usernameProblem(form.username);
    if (u) problems.username = u;
    if (form.password.length < 8) problems.password = 'at least 8 characters';
    setLocal(problems);
    if (Object.keys(problems).length) return;
    setBusy(true);
    try {
      const { displayName, ...rest } = form;
      onCreated(await call(api.POST('/api/v1/users', { body: { ...rest, ...(displayName ? { displayName } : {}) } }), USER_FIELDS));
    } catch (e) {
      setError(viewOf(e));
    } finally {
      setBusy(false);
    }
  }

  const err = (k: string) => local[k] ?? error?.fieldErrors[k];
  return (
    <Dialog open={open} title="Create user" onClose={onClose}>
      <form className="stack" onSubmit={submit} noValidate>
        <ErrorBanner error={error} />
        <TextInput label="Email" type="email" value={form.email} error={err('email')} onChange={(e) => setForm({ ...form, email: e.target.value })} />
        <TextInput label="Username" value={form.username} error={err('username')} onChange={(e) => setForm({ ...form, username: e.target.value })} />
        <TextInput label="Display name" value={form.displayName} error={err('displayName')} onChange={(e) => setForm({ ...form, displayName: e.target.value })} />
        <TextInput label="Password" type="password" autoComplete="new-password" value={form.password} error={err('password')} hint="At least 8 characters; share it safely"
          onChange={(e) => setForm({ ...form, password: e.target.value })} />
        <Select label="Role" value={form.role} error={err('role')} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>
          <RoleOptions mayGrantOwner={mayGrantOwner} current={form.role} />
        </Select>
        <div className="dialog-actions">
          <Button onClick={onClose} disabled={busy}>Cancel</Button>
          <Button type="submit" variant="primary" busy={busy}>Create user</Button>
        </div>
      </form>
    </Dialog>
  );
}

const QUOTA_FIELDS = ['maxWorkspaces', 'maxCpuMillis', 'maxMemoryMb'] as const;
type QuotaField = (typeof QUOTA_FIELDS)[number];
const QUOTA_LABELS: Record<QuotaField, string> = { maxWorkspaces: 'Max workspaces', maxCpuMillis: 'Max CPU (millicores)', maxMemoryMb: 'Max memory (MB)' };

function QuotaDialog({ user, onClose }: { user: User; onClose: () => void }) {
  const notify = useToast();
  const [values, setValues] = useState<Record<QuotaField, string> | null>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [error, setError] = useState<ProblemView | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    call(api.GET('/api/v1/users/{userId}/quota', { params: { path: { userId: user.id } } })).then((q: Quota) => {
      const text = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));
      setValues({ maxWorkspaces: text(q.maxWorkspaces), maxCpuMillis: text(q.maxCpuMillis), maxMemoryMb: text(q.maxMemoryMb) });
    }, (e) => setError(viewOf(e)));
  }, [user.id]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!values) return;
    const body: Record<QuotaField, number | null> = { maxWorkspaces: null, maxCpuMillis: null, maxMemoryMb: null };
    const problems: Record<string, string> = {};
    for (const f of QUOTA_FIELDS) {
      const v = values[f].trim();
      if (v === '') continue;
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0) problems[f] = 'a whole number ≥ 0, or empty for unlimited';
      body[f] = n;
    }
    setLocal(problems);
    if (Object.keys(problems).length) return;
    setBusy(true);
    try {
      await call(api.PUT('/api/v1/users/{userId}/quota', { params: { path: { userId: user.id } }, body }), QUOTA_FIELDS);
      notify(`Saved the quota of ${user.username}`, 'success');
      onClose();
    } catch (e) {
      setError(viewOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open title={`Quota of ${user.username}`} onClose={onClose}>
      <ErrorBanner error={error} />
      {!values ? (!error && <Loading />) : (
        <form className="stack" onSubmit={submit} noValidate>
          <span className="muted small">Leave a limit empty for unlimited.</span>
          {QUOTA_FIELDS.map((f) => (
            <TextInput key={f} label={QUOTA_LABELS[f]} inputMode="numeric" value={values[f]} error={local[f] ?? error?.fieldErrors[f]}
              onChange={(e) => setValues({ ...values, [f]: e.target.value })} />
          ))}
          <div className="dialog-actions">
            <Button onClick={onClose} disabled={busy}>Cancel</Button>
            <Button type="submit" variant="primary" busy={busy}>Save quota</Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

/** Every role, from the most to the least privileged; owner only for who may make owners (the server refuses it otherwise). */
const ROLES: Role[] = ['owner', 'user-admin', 'template-admin', 'auditor', 'member'];

function RoleOptions({ mayGrantOwner, current }: { mayGrantOwner: boolean; current: Role }) {
  return <>{ROLES.filter((role) => role !== 'owner' || mayGrantOwner || current === 'owner').map((role) => (
    <option key={role} value={role}>{role}</option>
  ))}</>;
}
