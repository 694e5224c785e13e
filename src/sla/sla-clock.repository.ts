import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { conversationUpdated, publishInboxEvents } from '../inbox/inbox-events';
import { SlaClockState } from './sla-clock';
import { SlaEventKind } from './sla.types';

type Queryable = Pick<EntityManager, 'query'>;

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
  c.sla_warned_80_at AS "warned80At", c.sla_breached_at AS "breachedAt", c.first_response_at AS "firstResponseAt"`;

/** The predicate of conversations_sla_sweep_idx: repeated verbatim so the planner can use the index. */
const RUNNING = `c.due_at IS NOT NULL AND c.first_response_at IS NULL AND c.sla_breached_at IS NULL`;

/**
 * The SLA columns of conversations, read and written with SQL. The Conversation entity belongs
 * to the inbox; this repository touches only the clock and sla_events.
 */
@Injectable()
export class SlaClockRepository {
  constructor(private readonly db: DataSource) {}

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
        WHERE ${RUNNING} AND c.sla_paused_at IS NULL
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
   * whose deadline moved since it was read (reply, pause, reopen) is dropped.
   */
  async raise(events: DueEvent[], now: Date): Promise<RaisedSlaEvent[]> {
    if (events.length === 0) return [];
    const ids = [...new Set(events.map((e) => e.conversationId))].sort();
    return this.db.transaction(async (m) => {
      await m.query(`SELECT id FROM conversations WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [ids]);
      const raised: RaisedSlaEvent[] = await this.insertDueEvents(m, events, now);
      // the live inbox: warnings and breaches change how the row looks
      const breached = [...new Set(raised.filter((e) => e.kind === 'breach').map((e) => e.conversationId))];
      const warned = [...new Set(raised.filter((e) => e.kind !== 'breach').map((e) => e.conversationId))];
      await publishInboxEvents(m, [
        conversationUpdated(breached, { slaBreachedAt: now.toISOString() }),
        conversationUpdated(warned, { slaWarned: true }),
      ]);
      return raised;
    });
  }

  private insertDueEvents(m: Queryable, events: DueEvent[], now: Date): Promise<RaisedSlaEvent[]> {
    // Dates come back from pg at millisecond precision; compare at that precision and store the
    // row's own due_at so the event matches the deadline exactly.
    return m.query(
      `WITH due AS (
           SELECT * FROM unnest($1::uuid[], $2::text[], $3::timestamptz[]) AS d(conversation_id, kind, due_at)
         ), live AS (
           SELECT d.conversation_id, d.kind, c.due_at FROM due d JOIN conversations c ON c.id = d.conversation_id
            WHERE date_trunc('milliseconds', c.due_at) = d.due_at
              AND c.first_response_at IS NULL AND c.sla_paused_at IS NULL
         ), ins AS (
           INSERT INTO sla_events (conversation_id, kind, due_at, created_at)
           SELECT conversation_id, kind, due_at, $4 FROM live
           ON CONFLICT (conversation_id, kind, due_at) DO NOTHING
           RETURNING id::text, conversation_id, kind, due_at, created_at
         ), stamp AS (
           UPDATE conversations c SET
             sla_warned_50_at = CASE WHEN 'warning_50' = ANY(l.kinds) THEN COALESCE(c.sla_warned_50_at, $4) ELSE c.sla_warned_50_at END,
             sla_warned_80_at = CASE WHEN 'warning_80' = ANY(l.kinds) THEN COALESCE(c.sla_warned_80_at, $4) ELSE c.sla_warned_80_at END,
             sla_breached_at = CASE WHEN 'breach' = ANY(l.kinds) THEN COALESCE(c.sla_breached_at, $4) ELSE c.sla_breached_at END
           FROM (SELECT conversation_id, due_at, array_agg(kind) AS kinds FROM live GROUP BY 1, 2) l
           WHERE c.id = l.conversation_id AND c.due_at = l.due_at
         )
         SELECT id, conversation_id AS "conversationId", kind, due_at AS "dueAt", created_at AS "createdAt"
           FROM ins ORDER BY due_at, conversation_id, array_position(ARRAY['warning_50', 'warning_80', 'breach'], kind)`,
      [events.map((e) => e.conversationId), events.map((e) => e.kind), events.map((e) => e.dueAt), now],
    );
  }

  /** Locks and reads one conversation's clock (null when it has no deadline). */
  async lockClock(m: Queryable, conversationId: string): Promise<RunningClock | null> {
    const rows = await m.query(
      `SELECT ${CLOCK_COLUMNS} FROM conversations c WHERE c.id = $1 AND c.due_at IS NOT NULL FOR UPDATE`,
      [conversationId],
    );
    return rows[0] ? toClock(rows[0]) : null;
  }

  /** Locks and reads the running (unanswered) clocks a policy set, for a policy change. */
  async lockRunningForPolicy(m: Queryable, policyId: string): Promise<RunningClock[]> {
    const rows = await m.query(
      `SELECT ${CLOCK_COLUMNS} FROM conversations c
        WHERE c.sla_policy_id = $1 AND c.due_at IS NOT NULL AND c.first_response_at IS NULL
        ORDER BY c.id FOR UPDATE`,
      [policyId],
    );
    return rows.map(toClock);
  }

  /** Writes a clock back (the start and the answer time are not the SLA module's to change). */
  async saveClock(m: Queryable, conversationId: string, s: SlaClockState): Promise<void> {
    await m.query(
      `UPDATE conversations SET due_at = $2, sla_paused_at = $3, sla_paused_ms = $4, sla_warned_50_at = $5,
              sla_warned_80_at = $6, sla_breached_at = $7, updated_at = now()
        WHERE id = $1`,
      [
        conversationId,
        s.dueAt,
        s.pausedAt,
        Math.round(s.pausedWorkingMs),
        s.warned50At,
        s.warned80At,
        s.breachedAt,
      ],
    );
  }

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
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
      firstResponseAt: r.firstResponseAt,
    },
  };
}
