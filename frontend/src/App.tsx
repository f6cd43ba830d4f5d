import { Navigate, Route, Routes } from 'react-router';
import { RequireSession, SessionRedirects } from './api/session';
import { AppShell, RequireAdmin, RequireAuditRead } from './components/AppShell';
import { SignInPage } from './pages/SignInPage';
import { SetupPage } from './pages/SetupPage';
import { ChoosePasswordPage } from './pages/ChoosePasswordPage';
import { CHOOSE_PASSWORD_PATH } from './lib/signInReason';
import { WorkspacesPage } from './pages/WorkspacesPage';
import { CreateWorkspacePage } from './pages/CreateWorkspacePage';
import { WorkspaceDetailPage } from './pages/WorkspaceDetailPage';
import { TemplatesPage } from './pages/TemplatesPage';
import { TemplateEditPage } from './pages/TemplateEditPage';
import { UsersPage } from './pages/UsersPage';
import { HostsPage } from './pages/HostsPage';
import { AccountPage } from './pages/AccountPage';
import { AuditPage } from './pages/AuditPage';
import { NotFoundPage } from './pages/NotFoundPage';

export function App() {
  return (
    <>
      <SessionRedirects />
      <Routes>
        <Route path="/sign-in" element={<SignInPage />} />
        <Route path="/setup" element={<SetupPage />} />
        <Route path={CHOOSE_PASSWORD_PATH} element={<ChoosePasswordPage />} />
        <Route
          element={
            <RequireSession>
              <AppShell />
            </RequireSession>
          }
        >
          <Route index element={<Navigate to="/workspaces" replace />} />
          <Route path="workspaces" element={<WorkspacesPage />} />
          <Route path="workspaces/new" element={<CreateWorkspacePage />} />
          <Route path="workspaces/:workspaceId" element={<WorkspaceDetailPage />} />
          <Route path="templates" element={<RequireAdmin><TemplatesPage /></RequireAdmin>} />
          <Route path="templates/new" element={<RequireAdmin><TemplateEditPage /></RequireAdmin>} />
          <Route path="templates/:templateId" element={<RequireAdmin><TemplateEditPage /></RequireAdmin>} />
          <Route path="users" element={<RequireAdmin><UsersPage /></RequireAdmin>} />
          <Route path="hosts" element={<RequireAdmin><HostsPage /></RequireAdmin>} />
          <Route path="audit" element={<RequireAuditRead><AuditPage /></RequireAuditRead>} />
          <Route path="account" element={<AccountPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </>
  );
}
