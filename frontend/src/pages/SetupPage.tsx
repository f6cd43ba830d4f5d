import { useEffect, useState, type ChangeEvent, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, call, viewOf } from '../api/client';
import type { ProblemView } from '../api/problem';
import { usernameProblem } from '../lib/names';
import { Brand } from '../components/AppShell';
import { Banner, Button, Card, ErrorBanner, Loading, TextInput } from '../ui';

const FIELDS = ['email', 'username', 'displayName', 'password'];

/** First run: create the first admin (only while no user exists), then sign in. */
export function SetupPage() {
  const navigate = useNavigate();
  const [required, setRequired] = useState<boolean | null>(null);
  const [form, setForm] = useState({ email: '', username: '', displayName: '', password: '' });
  const [local, setLocal] = useState<Record<string, string>>({});
  const [error, setError] = useState<ProblemView | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    call(api.GET('/api/v1/setup')).then(
      (status) => setRequired(status.firstUserRequired),
      (e) => {
        setError(viewOf(e));
        setRequired(true);
      },
    );
  }, []);

  const set = (key: keyof typeof form) => (e: ChangeEvent<HTMLInputElement>) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!form.email.includes('@')) problems.email = 'an email address is required';
    const u = usernameProblem(form.username);
    if (u) problems.username = u;
    if (form.password.length < 8) problems.password = 'at least 8 characters';
    setLocal(problems);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    setError(null);
    try {
      await call(
        api.POST('/api/v1/setup/first-admin', {
          body: { email: form.email, username: form.username, password: form.password, ...(form.displayName ? { displayName: form.displayName } : {}) },
        }),
        FIELDS,
      );
      navigate('/sign-in?setup=done', { replace: true });
    } catch (e) {
      setError(viewOf(e));
      setBusy(false);
    }
  }

  if (required === null) return <Loading />;
  const fieldError = (k: string) => local[k] ?? error?.fieldErrors[k];

  return (
    <div className="center-page">
      <div className="narrow stack">
        <Brand />
        {!required ? (
          <Card title="Already set up">
            <p className="muted">This DevSanctum already has its first admin.</p>
            <Link to="/sign-in">Go to sign in</Link>
          </Card>
        ) : (
          <Card title="Welcome to DevSanctum">
            <Banner tone="info">Create the first administrator account. You sign in with it next.</Banner>
            <ErrorBanner error={error} />
            <form className="stack" onSubmit={submit} noValidate>
              <TextInput label="Email" type="email" autoComplete="email" value={form.email} onChange={set('email')} error={fieldError('email')} required />
              <TextInput label="Username" autoComplete="username" value={form.username} onChange={set('username')} error={fieldError('username')}
                hint="Lowercase letters, digits and '-'; appears in workspace addresses" required />
              <TextInput label="Display name" autoComplete="name" value={form.displayName} onChange={set('displayName')} error={fieldError('displayName')} />
              <TextInput label="Password" type="password" autoComplete="new-password" value={form.password} onChange={set('password')}
                error={fieldError('password')} hint="At least 8 characters" required />
              <Button type="submit" variant="primary" block busy={busy}>Create admin</Button>
            </form>
          </Card>
        )}
      </div>
    </div>
  );
}
