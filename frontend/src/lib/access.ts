import type { User } from '../api/types';

/**
 * What the signed-in user may see in the dashboard, decided here only (the server decides what
 * they may do: common's AccessPolicy). When /users/me lists the user's permissions they decide;
 * until then the role does, as the policy grants it: the audit log is for auditors and owners
 * ("admin" is what the contract called owners before there were several admin roles).
 */
const AUDIT_ROLES: ReadonlySet<string> = new Set(['owner', 'auditor', 'admin']);

type WithPermissions = User & { permissions?: readonly string[] };

export function mayReadAudit(user: User): boolean {
  const permissions = (user as WithPermissions).permissions;
  return permissions ? permissions.includes('audit.read') : AUDIT_ROLES.has(user.role);
}
