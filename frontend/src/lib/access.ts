import type { User } from '../api/types';

/**
 * What the signed-in user may see in the dashboard, decided here only (the server decides what
 * they may do: common's AccessPolicy). When /users/me lists the user's permissions they decide;
 * until then the role does, as the policy grants it. "admin" is what the contract called owners
 * before there were several admin roles; the server now answers "owner".
 */
const OWNER_ROLES: ReadonlySet<string> = new Set(['owner', 'admin']);
const AUDIT_ROLES: ReadonlySet<string> = new Set([...OWNER_ROLES, 'auditor']);

type WithPermissions = User & { permissions?: readonly string[] };

/** The admin pages (templates, users, hosts): owners'. */
export function isAdmin(user: User): boolean {
  return OWNER_ROLES.has(user.role);
}

/** The Audit page: for holders of audit.read (auditors and owners). */
export function mayReadAudit(user: User): boolean {
  const permissions = (user as WithPermissions).permissions;
  return permissions ? permissions.includes('audit.read') : AUDIT_ROLES.has(user.role);
}
