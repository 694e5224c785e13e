import type { SessionUser } from '../../users/user.types';

/** Whose a saved view is: one person's, a team's, or everyone's (the defaults). */
export type ViewScope = 'personal' | 'team' | 'everyone';

export interface ViewOwnership {
  ownerId: string | null;
  teamId: string | null;
}

export function scopeOf(v: ViewOwnership): ViewScope {
  return v.ownerId ? 'personal' : v.teamId ? 'team' : 'everyone';
}

/** A person edits their own views; team views and everyone's are an admin's. */
export function mayEditView(v: ViewOwnership, user: Pick<SessionUser, 'id' | 'role'>): boolean {
  return scopeOf(v) === 'personal' ? v.ownerId === user.id : user.role === 'admin';
}

/** Creating a view for a team or for everyone is an admin's; anyone saves their own. */
export function mayCreateView(scope: ViewScope, user: Pick<SessionUser, 'role'>): boolean {
  return scope === 'personal' || user.role === 'admin';
}

/** Live counts stop here: the UI shows "1000+" (a count walks at most this many index entries). */
export const VIEW_COUNT_CAP = 1000;
