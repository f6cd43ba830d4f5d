import type { ReactNode } from 'react';
import { NavLink, Outlet } from 'react-router';
import { useSession } from '../api/session';
import { Badge, Button, EmptyState } from '../ui';

export function Brand() {
  return (
    <span className="brand">
      <span className="brand-mark" aria-hidden="true">DS</span>
      DevSanctum
    </span>
  );
}

function NavItem({ to, children }: { to: string; children: ReactNode }) {
  return (
    <NavLink to={to} className={({ isActive }) => (isActive ? 'shell-link active' : 'shell-link')}>
      {children}
    </NavLink>
  );
}

/** The signed-in frame: navigation, the user and sign-out, and the page. */
export function AppShell() {
  const { user, isAdmin, mayReadAudit, signOut } = useSession();
  return (
    <div className="shell">
      <header className="shell-nav">
        <Brand />
        <nav className="shell-links" aria-label="Main">
          <NavItem to="/workspaces">Workspaces</NavItem>
          {isAdmin && <NavItem to="/templates">Templates</NavItem>}
          {isAdmin && <NavItem to="/users">Users</NavItem>}
          {isAdmin && <NavItem to="/hosts">Hosts</NavItem>}
          {mayReadAudit && <NavItem to="/audit">Audit</NavItem>}
          <NavItem to="/account">Account</NavItem>
        </nav>
        <div className="shell-user">
          <div className="row">
            <span data-testid="current-user"><strong>{user.username}</strong></span>
            {isAdmin && <Badge tone="info">admin</Badge>}
          </div>
          <Button size="sm" onClick={() => void signOut()}>Sign out</Button>
        </div>
      </header>
      <main className="shell-main">
        <div className="shell-content">
          <Outlet />
        </div>
      </main>
    </div>
  );
}

export function RequireAdmin({ children }: { children: ReactNode }) {
  const { isAdmin } = useSession();
  if (!isAdmin) {
    return <EmptyState title="Admins only">This page is for administrators.</EmptyState>;
  }
  return <>{children}</>;
}

export function RequireAuditRead({ children }: { children: ReactNode }) {
  const { mayReadAudit } = useSession();
  if (!mayReadAudit) {
    return <EmptyState title="Auditors and owners only">The audit log is for auditors and owners.</EmptyState>;
  }
  return <>{children}</>;
}

export function PageHeader({ title, subtitle, actions }: { title: ReactNode; subtitle?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="page-header">
      <div className="stack-sm">
        <h1>{title}</h1>
        {subtitle && <div className="muted small">{subtitle}</div>}
      </div>
      {actions && <div className="row">{actions}</div>}
    </div>
  );
}
