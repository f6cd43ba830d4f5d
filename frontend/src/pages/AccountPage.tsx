import { useState, type FormEvent } from 'react';
import { api, call, viewOf } from '../api/client';
import { allItems } from '../lib/pages';
import { useLoader } from '../lib/useLoader';
import type { ProblemView } from '../api/problem';
import { useSession } from '../api/session';
import type { ApiToken, CreatedApiToken, Scope, SshKey } from '../api/types';
import { formatTime } from '../lib/format';
import { PageHeader } from '../components/AppShell';
import { PasswordChangeForm } from '../components/PasswordChangeForm';
import { CopyButton } from '../components/CopyButton';
import { Badge, Banner, Button, Card, ConfirmDialog, Dialog, EmptyState, ErrorBanner, Loading, Table, TextArea, TextInput, useToast } from '../ui';

export function AccountPage() {
  const { user } = useSession();
  const notify = useToast();
  return (
    <>
      <PageHeader title="Account" />
      <Card title="Profile">
        <dl className="dl">
          <dt>Username</dt><dd>{user.username}</dd>
          <dt>Name</dt><dd>{user.displayName || '—'}</dd>
          <dt>Email</dt><dd>{user.email}</dd>
          <dt>Role</dt><dd><Badge tone={user.role === 'member' ? 'neutral' : 'info'}>{user.role}</Badge></dd>
          <dt>Member since</dt><dd>{formatTime(user.createdAt)}</dd>
        </dl>
      </Card>
      <Card title="Password">
        <span className="muted small">Changing it signs you out everywhere else: other browsers, devices and workspace tabs.</span>
        <PasswordChangeForm submitLabel="Change password"
          onChanged={() => notify('Password changed; your other sign-ins have ended', 'success')} />
      </Card>
      <ApiTokens />
      <SshKeys />
    </>
  );
}

function ApiTokens() {
  const notify = useToast();
  const { data: tokens, error, reload: load } = useLoader(
    () => allItems((paging) => call(api.GET('/api/v1/api-tokens', { params: { query: paging } })), (page) => page.tokens),
    []);
  const [name, setName] = useState('');
  const [expires, setExpires] = useState('');
  const [createError, setCreateError] = useState<ProblemView | null>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const { user } = useSession();
  // 'all' alone, or the chosen narrower scopes (only those the server says this user may give)
  const [scopes, setScopes] = useState<Scope[]>(['all']);
  function toggleScope(scope: Scope, on: boolean) {
    if (scope === 'all') setScopes(on ? ['all'] : []);
    else setScopes((now) => on ? [...now.filter((s) => s !== 'all'), scope] : now.filter((s) => s !== scope));
  }
  const [revoking, setRevoking] = useState<ApiToken | null>(null);


  async function create(event: FormEvent) {
    event.preventDefault();
    setCreateError(null);
    if (!name.trim()) {
      setCreateError({ message: 'Give the token a name.', fieldErrors: { name: 'a name is required' }, otherErrors: [] });
      return;
    }
    setBusy(true);
    try {
      const expiresAt = expires ? new Date(expires + 'T23:59:59').toISOString() : undefined;
      const token = await call(api.POST('/api/v1/api-tokens', {
        body: { name: name.trim(), ...(expiresAt ? { expiresAt } : {}), ...(scopes.includes('all') ? {} : { scopes }) },
      }), ['name', 'expiresAt', 'scopes']);
      setCreated(token);
      setName('');
      setExpires('');
      setScopes(['all']);
      await load();
    } catch (e) {
      setCreateError(viewOf(e));
    } finally {
      setBusy(false);
    }
  }

  async function revoke(t: ApiToken) {
    setBusy(true);
    try {
      await call(api.DELETE('/api/v1/api-tokens/{tokenId}', { params: { path: { tokenId: t.id } } }));
      notify(`Revoked ${t.name}`, 'success');
      setRevoking(null);
      await load();
    } catch (e) {
      notify(viewOf(e).message, 'error');
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title="API tokens">
      <span className="muted small">For the CLI and automation: send as <code>Authorization: Bearer &lt;token&gt;</code>.</span>
      <form className="row-item" onSubmit={create} noValidate>
        <TextInput label="Name" value={name} error={createError?.fieldErrors.name} onChange={(e) => setName(e.target.value)} maxLength={64} />
        <TextInput label="Expires" type="date" value={expires} error={createError?.fieldErrors.expiresAt} hint="Optional" onChange={(e) => setExpires(e.target.value)} />
        <fieldset className="stack-sm" aria-label="Scopes">
          <legend className="small">Scopes</legend>
          {user.grantableScopes.map((scope) => (
            <label key={scope} className="row small">
              <input type="checkbox" checked={scopes.includes(scope)} onChange={(e) => toggleScope(scope, e.target.checked)} />
              <code>{scope}</code>
            </label>
          ))}
          {createError?.fieldErrors.scopes && <span className="small danger">{createError.fieldErrors.scopes}</span>}
        </fieldset>
        <Button type="submit" variant="primary" busy={busy && !revoking}>Create token</Button>
      </form>
      {createError && !createError.fieldErrors.name && <ErrorBanner error={createError} />}
      <ErrorBanner error={error} />
      {tokens === null ? (
        !error && <Loading />
      ) : tokens.length === 0 ? (
        <EmptyState title="No API tokens">Create one to use the API from scripts or the CLI.</EmptyState>
      ) : (
        <Table caption="API tokens" head={['Name', 'Scopes', 'Created', 'Last used', 'Expires', '']}>
          {tokens.map((t) => (
            <tr key={t.id}>
              <td><strong>{t.name}</strong></td>
              <td data-testid="token-scopes">{t.scopes.map((scope) => <code key={scope}>{scope} </code>)}</td>
              <td className="muted">{formatTime(t.createdAt)}</td>
              <td className="muted">{formatTime(t.lastUsedAt)}</td>
              <td className="muted">{t.expiresAt ? formatTime(t.expiresAt) : 'never'}</td>
              <td><div className="table-actions"><Button size="sm" variant="ghost" onClick={() => setRevoking(t)}>Revoke</Button></div></td>
            </tr>
          ))}
        </Table>
      )}
      <Dialog open={created !== null} title="Your new API token" onClose={() => setCreated(null)}
        actions={<Button variant="primary" onClick={() => setCreated(null)}>I have saved it</Button>}>
        <Banner tone="warning">Copy it now: it is shown only once and cannot be recovered.</Banner>
        <div className="secret" data-testid="api-token-value">{created?.token}</div>
        <div className="row">
          {created && <CopyButton value={created.token} label="Copy token" what="token" />}
        </div>
      </Dialog>
      <ConfirmDialog open={revoking !== null} title={`Revoke ${revoking?.name ?? ''}?`} confirmLabel="Revoke" busy={busy}
        onConfirm={() => revoking && void revoke(revoking)} onClose={() => setRevoking(null)}>
        <p>Scripts using this token stop working at once.</p>
      </ConfirmDialog>
    </Card>
  );
}

function SshKeys() {
  const notify = useToast();
  const { data: keys, error, reload: load } = useLoader(
    () => allItems((paging) => call(api.GET('/api/v1/ssh-keys', { params: { query: paging } })), (page) => page.keys),
    []);
  const [name, setName] = useState('');
  const [publicKey, setPublicKey] = useState('');
  const [addError, setAddError] = useState<ProblemView | null>(null);
  const [busy, setBusy] = useState(false);
  const [deleting, setDeleting] = useState<SshKey | null>(null);

  async function add(event: FormEvent) {
    event.preventDefault();
    setAddError(null);
    if (!name.trim() || !publicKey.trim()) {
      setAddError({
        message: 'Give the key a name and paste its public half.',
        fieldErrors: {
          ...(name.trim() ? {} : { name: 'a name is required' }),
          ...(publicKey.trim() ? {} : { publicKey: 'paste the contents of your .pub file' }),
        },
        otherErrors: [],
      });
      return;
    }
    setBusy(true);
    try {
      const key = await call(api.POST('/api/v1/ssh-keys', { body: { name: name.trim(), publicKey: publicKey.trim() } }),
        ['name', 'publicKey']);
      notify(`Added ${key.name} (${key.fingerprint})`, 'success');
      setName('');
      setPublicKey('');
      await load();
    } catch (e) {
      setAddError(viewOf(e));
    } finally {
      setBusy(false);
    }
  }

  async function remove(k: SshKey) {
    setBusy(true);
    try {
      await call(api.DELETE('/api/v1/ssh-keys/{keyId}', { params: { path: { keyId: k.id } } }));
      notify(`Deleted ${k.name}`, 'success');
      setDeleting(null);
      await load();
    } catch (e) {
      notify(viewOf(e).message, 'error');
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title="SSH keys">
      <span className="muted small">
        Sign in over SSH with <code>ssh -p 2222 &lt;workspace&gt;@{window.location.hostname}</code> (2222 unless your admin chose another port), or
        run <code>devsanctum config-ssh</code> once and use <code>ssh &lt;workspace&gt;.devsanctum</code>.
      </span>
      <form className="row-item" onSubmit={add} noValidate>
        <TextInput label="Name" value={name} error={addError?.fieldErrors.name} onChange={(e) => setName(e.target.value)} maxLength={64} />
        <TextArea label="Public key" value={publicKey} error={addError?.fieldErrors.publicKey} rows={2}
          placeholder="ssh-ed25519 AAAA… you@laptop" hint="The contents of ~/.ssh/id_ed25519.pub or the like"
          onChange={(e) => setPublicKey(e.target.value)} maxLength={16384} />
        <Button type="submit" variant="primary" busy={busy && !deleting}>Add key</Button>
      </form>
      {addError && !addError.fieldErrors.name && !addError.fieldErrors.publicKey && <ErrorBanner error={addError} />}
      <ErrorBanner error={error} />
      {keys === null ? (
        !error && <Loading />
      ) : keys.length === 0 ? (
        <EmptyState title="No SSH keys">Add one to reach your workspaces with ssh, scp, rsync and VS Code Remote-SSH.</EmptyState>
      ) : (
        <Table caption="SSH keys" head={['Name', 'Fingerprint', 'Added', 'Last used', '']}>
          {keys.map((k) => (
            <tr key={k.id}>
              <td><strong>{k.name}</strong></td>
              <td><code className="small">{k.fingerprint}</code></td>
              <td className="muted">{formatTime(k.createdAt)}</td>
              <td className="muted">{formatTime(k.lastUsedAt)}</td>
              <td><div className="table-actions"><Button size="sm" variant="ghost" onClick={() => setDeleting(k)}>Delete</Button></div></td>
            </tr>
          ))}
        </Table>
      )}
      <ConfirmDialog open={deleting !== null} title={`Delete ${deleting?.name ?? ''}?`} confirmLabel="Delete" busy={busy}
        onConfirm={() => deleting && void remove(deleting)} onClose={() => setDeleting(null)}>
        <p>SSH sessions opened with this key end at once, and it can no longer sign in.</p>
      </ConfirmDialog>
    </Card>
  );
}
