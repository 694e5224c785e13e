/**
 * One voice per customer (pure rules). Whoever a conversation is assigned to holds it: only they
 * change its status, snooze, team or priority and settle its replies. Nobody holds an unassigned
 * conversation, so anyone on the team may act on it. An admin may act on a conversation someone
 * else holds — deliberately, and the audit log records it as an override of the holder; taking
 * it from them is a reassignment (mayTake).
 */
export type HolderDecision = 'allowed' | 'override' | 'refused';

export function actOnConversation(
  holderId: string | null,
  actor: { id: string; role: string },
): HolderDecision {
  if (!holderId || holderId === actor.id) return 'allowed';
  return actor.role === 'admin' ? 'override' : 'refused';
}

/** The 409 body every refused action answers with: who holds it, so the client can say so. */
export function heldByAnother(holderId: string | null) {
  return {
    statusCode: 409,
    error: 'Conflict',
    message: 'another agent is working on this conversation; only they or an admin can change it',
    assigneeId: holderId,
  };
}

/** The audit action of an admin acting on a conversation another person holds. */
export const OVERRIDE_AUDIT_ACTION = 'conversation.override';

/**
 * Taking (and handing over, releasing) is first-come for everyone, admins included: only a
 * conversation nobody holds, or one's own. Moving it away from its holder is a reassignment, an
 * admin's explicit act naming whom it is taken from, audited, and the holder is told.
 */
export function mayTake(holderId: string | null, actor: { id: string }): boolean {
  return holderId === null || holderId === actor.id;
}

/** The audit action of an admin moving a conversation away from its holder. */
export const REASSIGNED_AUDIT_ACTION = 'conversation.reassigned';

/** A snooze hides a customer from the queue; longer than this is a forgotten customer, not a plan. */
export const MAX_SNOOZE_DAYS = 30;

/** Why a wake-up time is refused, or null when it is a sane one. */
export function snoozeProblem(until: Date, now: Date): string | null {
  if (until.getTime() <= now.getTime()) return 'snoozedUntil must be in the future';
  if (until.getTime() > now.getTime() + MAX_SNOOZE_DAYS * 86_400_000)
    return `snoozedUntil may be at most ${MAX_SNOOZE_DAYS} days ahead`;
  return null;
}
