import type { SlaEventKind } from './sla.types';

/**
 * Escalations you can see (pure rules; SlaEscalationService applies them in the sweep's
 * transaction, so an event and what it sets off commit together, exactly once).
 *
 * - 50 %: only the stamp on the conversation (the API shows it).
 * - 80 %: the holder is told; nobody holds it: the team (every member; no team: every agent).
 * - Breach: the conversation moves up the queue (priority + 1, at most 100), the team's leads are
 *   told (its members with the lead flag; none: its admins; none, or no team: every admin), and the
 *   holder; where the policy says so, it is taken from the holder and handed to another agent
 *   (or back to the queue when nobody has room).
 */
export type Audience = 'assignee' | 'team' | 'leads';

export interface EscalationFacts {
  kind: SlaEventKind;
  assigneeId: string | null;
  priority: number;
  reassignOnBreach: boolean;
}

export interface EscalationPlan {
  notify: { audience: Audience; kind: 'sla_warning' | 'sla_breach' }[];
  /** The new priority, when it changes. */
  priority: number | null;
  /** Take it from the holder and hand it to someone else. */
  reassign: boolean;
}

export const MAX_PRIORITY = 100;

export function escalation(f: EscalationFacts): EscalationPlan {
  switch (f.kind) {
    case 'warning_50':
      return { notify: [], priority: null, reassign: false };
    case 'warning_80':
      return {
        notify: [{ audience: f.assigneeId ? 'assignee' : 'team', kind: 'sla_warning' }],
        priority: null,
        reassign: false,
      };
    case 'breach':
      return {
        notify: [
          { audience: 'leads', kind: 'sla_breach' },
          ...(f.assigneeId ? [{ audience: 'assignee' as const, kind: 'sla_breach' as const }] : []),
        ],
        priority:
          Math.min(MAX_PRIORITY, f.priority + 1) === f.priority
            ? null
            : Math.min(MAX_PRIORITY, f.priority + 1),
        reassign: f.reassignOnBreach && f.assigneeId !== null,
      };
  }
}
