import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AssignmentService } from '../assignment/assignment.service';
import { AuditService } from '../audit/audit.service';
import { ConversationsRepository } from '../conversations/conversations.repository';
import { REASSIGNED_AUDIT_ACTION } from '../conversations/holder';
import { conversationReassigned, conversationUpdated, publishInboxEvents } from '../inbox/inbox-events';
import type { NewNotification } from '../notifications/notifications.repository';
import { NotificationsService } from '../notifications/notifications.service';
import { type Audience, escalation } from './escalation';
import { type RaisedSlaEvent, SlaClockRepository } from './sla-clock.repository';

/**
 * Applies the escalation rules (escalation.ts) to the events the sweep raised, in the sweep's
 * transaction: the event, the notifications, the priority and the reassignment commit together,
 * and the event's uniqueness makes all of it happen once.
 */
@Injectable()
export class SlaEscalationService {
  constructor(
    private readonly clocks: SlaClockRepository,
    private readonly conversations: ConversationsRepository,
    private readonly notifications: NotificationsService,
    private readonly assignment: AssignmentService,
    private readonly audit: AuditService,
  ) {}

  async apply(tx: EntityManager, raised: readonly RaisedSlaEvent[], now: Date): Promise<void> {
    const events = raised.filter((e) => e.kind !== 'warning_50');
    if (events.length === 0) return;
    const facts = new Map(
      (await this.clocks.escalationFacts(tx, [...new Set(events.map((e) => e.conversationId))])).map((f) => [
        f.id,
        f,
      ]),
    );
    const notes: NewNotification[] = [];
    const priorities: { id: string; priority: number }[] = [];
    for (const e of events) {
      const f = facts.get(e.conversationId);
      if (!f) continue;
      const plan = escalation({
        kind: e.kind,
        assigneeId: f.assigneeId,
        priority: f.priority,
        reassignOnBreach: f.reassignOnBreach,
      });
      const holder = f.assigneeId;
      let reassignedTo: string | null | undefined;
      if (plan.reassign && f.assigneeId) reassignedTo = await this.reassign(tx, f, now);
      if (plan.priority !== null) {
        priorities.push({ id: f.id, priority: plan.priority });
        f.priority = plan.priority;
      }
      // the one who held it is told (it was theirs at the deadline), and whoever got it now
      const notify = [...plan.notify.map((n) => ({ ...n, role: n.audience as string }))];
      if (reassignedTo) notify.push({ audience: 'assignee', kind: 'sla_breach', role: 'new_assignee' });
      for (const n of notify) {
        const to = n.role === 'new_assignee' ? reassignedTo : holder;
        for (const userId of await this.audience(tx, n.audience, { ...f, assigneeId: to ?? null })) {
          notes.push({
            userId,
            kind: n.kind,
            conversationId: f.id,
            data: {
              event: e.kind,
              dueAt: e.dueAt,
              role: n.role,
              ...(e.kind === 'breach' ? { priority: f.priority } : {}),
              ...(reassignedTo !== undefined ? { reassignedTo } : {}),
            },
            dedupeKey: `sla:${e.id}`,
          });
        }
      }
    }
    await this.conversations.setPriorities(tx, priorities);
    if (priorities.length)
      await publishInboxEvents(
        tx,
        priorities.map((p) => conversationUpdated(p.id, { priority: p.priority })),
      );
    await this.notifications.notify(tx, dedupe(notes));
  }

  private async audience(
    tx: EntityManager,
    a: Audience,
    f: { assigneeId: string | null; teamId: string | null },
  ): Promise<string[]> {
    if (a === 'assignee') return f.assigneeId ? [f.assigneeId] : [];
    const rows =
      a === 'team'
        ? await this.notifications.teamMembers(tx, f.teamId)
        : await this.notifications.leads(tx, f.teamId);
    return rows.map((r) => r.id);
  }

  /** The breach takes it from its holder: to the best other agent with room, else back to the queue. */
  private async reassign(
    tx: EntityManager,
    f: { id: string; assigneeId: string | null; teamId: string | null; language: string | null },
    now: Date,
  ): Promise<string | null> {
    const from = f.assigneeId!;
    const picked = await this.assignment.assignOne(
      tx,
      { id: f.id, teamId: f.teamId, language: f.language },
      now,
      [from],
      from,
    );
    let to = picked === 'busy' ? null : picked;
    if (to === null) {
      if (!(await this.conversations.returnToQueue(tx, f.id, from))) return from;
      to = null;
      await publishInboxEvents(tx, [conversationUpdated(f.id, { assigneeId: null })]);
    }
    await this.audit.record(
      null,
      REASSIGNED_AUDIT_ACTION,
      'conversation',
      f.id,
      { from, to, by: 'sla_breach' },
      tx,
    );
    await publishInboxEvents(tx, [conversationReassigned(f.id, from, to, 'sla_breach')]);
    f.assigneeId = to;
    return to;
  }
}

/** One row per person and key (a lead who also holds the conversation is told once). */
function dedupe(rows: NewNotification[]): NewNotification[] {
  const seen = new Set<string>();
  return rows.filter((r) => {
    const k = `${r.userId}|${r.dedupeKey}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
