import type { UserRole } from '../users/user.types';

/**
 * What `@Roles(...)` may name: a role, or `lead` — anyone with the lead flag (`users.is_lead`),
 * whatever their role. A lead is usually an agent who also reads reports and the alerts.
 */
export type Access = UserRole | 'lead';

/** The one rule the guard (and the route-table tests) apply: no list means any signed-in user. */
export function mayAccess(allowed: readonly Access[] | undefined, who: { role: UserRole; isLead: boolean }) {
  if (!allowed?.length) return true;
  return allowed.includes(who.role) || (who.isLead && allowed.includes('lead'));
}
