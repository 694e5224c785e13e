import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  COUNTING_CLOCK,
  ConversationsRepository,
  RUNNING_CLOCK,
} from '../conversations/conversations.repository';
import { type Queryable, sqlRows } from '../database/sql';
import { conversationUpdated, publishInboxEvents } from '../inbox/inbox-events';
import { SlaClockState } from './sla-clock';
import { SlaEventKind } from './sla.types';

/** A running clock as the sweep reads it. */
export interface RunningClock {
  conversationId: string;
  slaPolicyId: string | null;
  state: SlaClockState;
}

export interface DueEvent {
  conversationId: string;
  kind: SlaEventKind;
  dueAt: Date;
}

export interface RaisedSlaEvent extends DueEvent {
  id: string;
  createdAt: Date;
}

const CLOCK_COLUMNS = `
  c.id AS "conversationId", c.sla_policy_id AS "slaPolicyId",
  COALESCE(c.sla_started_at, c.first_message_at, c.created_at) AS "startedAt", c.due_at AS "dueAt",
  c.sla_paused_at AS "pausedAt", c.sla_paused_ms AS "pausedMs", c.sla_warned_50_at AS "warned50At",
  c.sla_warned_80_at AS "warned80At", c.sla_breached_at AS "breachedAt"`;

/**
 * The sweep's reads of running clocks and its `sla_events`. The clocks' predicate (RUNNING_CLOCK,
 * also the partial index's) and the stamps on conversations belong to src/conversations/.
 */
@Injectable()
export class SlaClockRepository {
  constructor(
    private readonly db: DataSource,
    private readonly conversations: ConversationsRepository,
  ) {}

  /**
   * One keyset page of running, unpaused clocks in due order, through the partial sweep index.
   * Clocks with both warnings raised are skipped until they are due.
   */
  async runningClocks(
    now: Date,
    after: { dueKey: string; id: string } | null,
    limit: number,
  ): Promise<(RunningClock & { dueKey: string })[]> {
    // The cursor carries due_at as text: a Date would lose the microseconds and loop on the same row.
    const rows = await this.db.query(
      `SELECT ${CLOCK_COLUMNS}, c.due_at::text AS "dueKey" FROM conversations c
        WHERE ${RUNNING_CLOCK}
          AND (c.sla_warned_80_at IS NULL OR c.due_at <= $1)
          AND ($2::timestamptz IS NULL OR (c.due_at, c.id) > ($2::timestamptz, $3::uuid))
        ORDER BY c.due_at, c.id
        LIMIT $4`,
      [now, after?.dueKey ?? null, after?.id ?? null, limit],
    );
    return rows.map((r: any) => ({ ...toClock(r), dueKey: r.dueKey }));
  }

  /**
   * Records due events exactly once and stamps the conversation. Rows are locked in id order
   * first so concurrent sweepers queue behind each other instead of deadlocking; the unique key
   * (conversation_id, kind, due_at) turns the second sweeper's insert into a no-op, and an event
   * whose deadline moved or whose clock stopped since it was read (reply, pause, snooze, resolve,
   * reopen) is dropped.
   */
  async raise(
    events: DueEvent[],
    now: Date,
    escalate?: (tx: EntityManager, raised: RaisedSlaEvent[]) => Promise<void>,
  ): Promise<RaisedSlaEvent[]> {
    if (events.length === 0) return [];
    const ids = [...new Set(events.map((e) => e.conversationId))];
    return this.db.transaction(async (m) => {
      await this.conversations.lockIds(m, ids);
      const raised: RaisedSlaEvent[] = await this.insertDueEvents(m, events, now);
      await this.conversations.stampSlaEvents(m, events, now);
      // the live inbox: warnings and breaches change how the row looks
      const breached = [...new Set(raised.filter((e) => e.kind === 'breach').map((e) => e.conversationId))];
      const warned = [...new Set(raised.filter((e) => e.kind !== 'breach').map((e) => e.conversationId))];
      await publishInboxEvents(m, [
        conversationUpdated(breached, { slaBreachedAt: now.toISOString() }),
        conversationUpdated(warned, { slaWarned: true }),
      ]);
      await escalate?.(m, raised);
      return raised;
    });
  }

  /** What the escalation rules need of conversations the caller has locked. */
  escalationFacts(
    m: Queryable,
    ids: readonly string[],
  ): Promise<
    {
      id: string;
      assigneeId: string | null;
      teamId: string | null;
      priority: number;
      reassignOnBreach: boolean;
      language: string | null;
    }[]
  > {
    return sqlRows(
      m,
      `SELECT c.id, c.assignee_id AS "assigneeId", c.team_id AS "teamId", c.priority::int AS priority,
              COALESCE(p.reassign_on_breach, false) AS "reassignOnBreach",
              (SELECT i.language FROM items i WHERE i.conversation_id = c.id AND i.direction = 'inbound'
                ORDER BY i.created_at_platform DESC, i.id DESC LIMIT 1) AS language
         FROM conversations c LEFT JOIN sla_policies p ON p.id = c.sla_policy_id
        WHERE c.id = ANY($1::uuid[])`,
      [ids],
    );
  }

  private insertDueEvents(m: Queryable, events: DueEvent[], now: Date): Promise<RaisedSlaEvent[]> {
    // Dates come back from pg at millisecond precision; compare at that precision and store the
    // row's own due_at so the event matches the deadline exactly.
    return sqlRows<RaisedSlaEvent>(
      m,
      `WITH due AS (
           SELECT * FROM unnest($1::uuid[], $2::text[], $3::timestamptz[]) AS d(conversation_id, kind, due_at)
         ), live AS (
           SELECT d.conversation_id, d.kind, c.due_at FROM due d JOIN conversations c ON c.id = d.conversation_id
            WHERE date_trunc('milliseconds', c.due_at) = d.due_at AND ${COUNTING_CLOCK}
         ), ins AS (
           INSERT INTO sla_events (conversation_id, kind, due_at, created_at)
           SELECT conversation_id, kind, due_at, $4 FROM live
           ON CONFLICT (conversation_id, kind, due_at) DO NOTHING
           RETURNING id::text, conversation_id, kind, due_at, created_at
         )
         SELECT id, conversation_id AS "conversationId", kind, due_at AS "dueAt", created_at AS "createdAt"
           FROM ins ORDER BY due_at, conversation_id, array_position(ARRAY['warning_50', 'warning_80', 'breach'], kind)`,
      [events.map((e) => e.conversationId), events.map((e) => e.kind), events.map((e) => e.dueAt), now],
    );
  }
}

function toClock(r: any): RunningClock {
  return {
    conversationId: r.conversationId,
    slaPolicyId: r.slaPolicyId,
    state: {
      startedAt: r.startedAt,
      dueAt: r.dueAt,
      pausedAt: r.pausedAt,
      pausedWorkingMs: Number(r.pausedMs),
      warned50At: r.warned50At,
      warned80At: r.warned80At,
      breachedAt: r.breachedAt,
      // an answer stops a stored clock by clearing its deadline (see conversation-lifecycle.ts)
      firstResponseAt: null,
    },
  };
}
