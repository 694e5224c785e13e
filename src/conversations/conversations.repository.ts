import { Injectable } from '@nestjs/common';
import type { ClientBase } from 'pg';
import { copyBinary, type BinaryColumn } from '../database/pg-copy-binary';
import { Queryable, sqlOne, sqlRows } from '../database/sql';
import { type ConversationState, countingClock, runningClock } from './conversation-lifecycle';

/** A conversation row locked for a change: the lifecycle's state plus who holds it. */
export interface LockedConversation extends ConversationState {
  sourceId: string;
  assigneeId: string | null;
}

/** A new conversation as ingest creates it (see openConversation). */
export interface NewConversation {
  threadKey: string;
  state: ConversationState;
}

export interface SlaStamp {
  conversationId: string;
  kind: 'warning_50' | 'warning_80' | 'breach';
  /** The deadline the event was raised for (the row's own due_at). */
  dueAt: Date;
}

const STATE_COLUMNS = `
  c.id, c.source_id AS "sourceId", c.assignee_id AS "assigneeId", c.status,
  c.snoozed_until AS "snoozedUntil", c.resolved_at AS "resolvedAt", c.needs_response AS "needsResponse",
  c.intent, c.sentiment_label AS "sentimentLabel", c.priority, c.contact_id AS "contactId",
  c.customer_id AS "customerId", c.first_message_at AS "firstMessageAt", c.last_message_at AS "lastMessageAt",
  c.last_customer_message_at AS "lastCustomerMessageAt", c.first_response_at AS "firstResponseAt",
  c.first_response_seconds AS "firstResponseSeconds", c.sla_policy_id AS "policyId",
  c.sla_started_at AS "startedAt", c.due_at AS "dueAt", c.sla_paused_at AS "pausedAt",
  c.sla_paused_ms AS "pausedMs", c.sla_warned_50_at AS "warned50At", c.sla_warned_80_at AS "warned80At",
  c.sla_breached_at AS "breachedAt"`;

/**
 * Every write to `conversations` (issue 10: one owner). The rules that decide a conversation's
 * status and SLA clock are in conversation-lifecycle.ts; this class locks rows, hands their state
 * to the callers that apply those rules, and writes the result back. The inbox reads its queue
 * elsewhere (InboxRepository); ingest creates new conversations here by binary COPY.
 *
 * Every method takes the caller's transaction (a TypeORM EntityManager or ingest's pg client).
 */
@Injectable()
export class ConversationsRepository {
  /** Locks rows without reading them (id order), for writers that change only their own columns. */
  async lockIds(db: Queryable, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await db.query(`SELECT id FROM conversations WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [ids]);
  }

  /** Locks one conversation for a change (undefined: it does not exist). */
  async lock(db: Queryable, id: string): Promise<LockedConversation | undefined> {
    const row = await sqlOne(db, `SELECT ${STATE_COLUMNS} FROM conversations c WHERE c.id = $1 FOR UPDATE`, [
      id,
    ]);
    return row ? toState(row) : undefined;
  }

  /** Locks conversations in id order (concurrent writers queue instead of deadlocking). */
  async lockMany(db: Queryable, ids: readonly string[]): Promise<LockedConversation[]> {
    if (ids.length === 0) return [];
    const rows = await sqlRows(
      db,
      `SELECT ${STATE_COLUMNS} FROM conversations c WHERE c.id = ANY($1::uuid[]) ORDER BY c.id FOR UPDATE`,
      [ids],
    );
    return rows.map(toState);
  }

  /** The first customer item's time (for a first response on a conversation without a start). */
  async firstInboundAt(db: Queryable, id: string): Promise<Date | null> {
    const row = await sqlOne<{ at: Date | null }>(
      db,
      `SELECT min(created_at_platform) AS at FROM items WHERE conversation_id = $1 AND direction = 'inbound'`,
      [id],
    );
    return row?.at ?? null;
  }

  /**
   * Snoozed conversations whose wake-up time has passed, earliest first, locked. Rows an agent is
   * changing right now are skipped (SKIP LOCKED) and wake on the next pass if still due.
   */
  async lockDueSnoozed(db: Queryable, limit: number): Promise<LockedConversation[]> {
    const rows = await sqlRows(
      db,
      `SELECT ${STATE_COLUMNS} FROM conversations c
        WHERE c.status = 'snoozed' AND c.snoozed_until <= now()
        ORDER BY c.snoozed_until LIMIT $1
        FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    return rows.map(toState);
  }

  /** The conversations whose clock a policy set and that still has a deadline (for a policy change). */
  async lockClocksOfPolicy(db: Queryable, policyId: string): Promise<LockedConversation[]> {
    const rows = await sqlRows(
      db,
      `SELECT ${STATE_COLUMNS} FROM conversations c
        WHERE c.sla_policy_id = $1 AND c.due_at IS NOT NULL ORDER BY c.id FOR UPDATE`,
      [policyId],
    );
    return rows.map(toState);
  }

  /** Writes the lifecycle's decisions back (rows locked by the caller); one statement for all. */
  async save(db: Queryable, states: readonly ConversationState[]): Promise<void> {
    if (states.length === 0) return;
    const col = <T>(f: (s: ConversationState) => T) => states.map(f);
    await db.query(
      `UPDATE conversations c SET
         status = u.status::conversation_status, snoozed_until = u.snoozed_until, resolved_at = u.resolved_at,
         needs_response = u.needs_response, intent = u.intent, sentiment_label = u.sentiment_label,
         priority = u.priority, contact_id = u.contact_id, customer_id = u.customer_id,
         first_message_at = u.first_message_at, last_message_at = u.last_message_at,
         last_customer_message_at = u.last_customer_message_at, first_response_at = u.first_response_at,
         first_response_seconds = u.first_response_seconds, sla_policy_id = u.sla_policy_id,
         sla_started_at = u.sla_started_at, due_at = u.due_at, sla_paused_at = u.sla_paused_at,
         sla_paused_ms = u.sla_paused_ms, sla_warned_50_at = u.sla_warned_50_at,
         sla_warned_80_at = u.sla_warned_80_at, sla_breached_at = u.sla_breached_at, updated_at = now()
       FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::boolean[], $6::text[],
                   $7::text[], $8::int[], $9::uuid[], $10::uuid[], $11::timestamptz[], $12::timestamptz[],
                   $13::timestamptz[], $14::timestamptz[], $15::int[], $16::uuid[], $17::timestamptz[],
                   $18::timestamptz[], $19::timestamptz[], $20::bigint[], $21::timestamptz[],
                   $22::timestamptz[], $23::timestamptz[])
         AS u(id, status, snoozed_until, resolved_at, needs_response, intent, sentiment_label, priority,
              contact_id, customer_id, first_message_at, last_message_at, last_customer_message_at,
              first_response_at, first_response_seconds, sla_policy_id, sla_started_at, due_at,
              sla_paused_at, sla_paused_ms, sla_warned_50_at, sla_warned_80_at, sla_breached_at)
       WHERE c.id = u.id`,
      [
        col((s) => s.id),
        col((s) => s.status),
        col((s) => s.snoozedUntil),
        col((s) => s.resolvedAt),
        col((s) => s.needsResponse),
        col((s) => s.intent),
        col((s) => s.sentimentLabel),
        col((s) => s.priority),
        col((s) => s.contactId),
        col((s) => s.customerId),
        col((s) => s.firstMessageAt),
        col((s) => s.lastMessageAt),
        col((s) => s.lastCustomerMessageAt),
        col((s) => s.firstResponseAt),
        col((s) => s.firstResponseSeconds),
        col((s) => s.sla.policyId),
        col((s) => s.sla.startedAt),
        col((s) => s.sla.dueAt),
        col((s) => s.sla.pausedAt),
        col((s) => Math.round(s.sla.pausedMs)),
        col((s) => s.sla.warned50At),
        col((s) => s.sla.warned80At),
        col((s) => s.sla.breachedAt),
      ],
    );
  }

  /**
   * Ingest's new conversations, under ids made by the caller (openConversation decided their
   * state), written once with their preview, language and search_doc: called after their items
   * are stored (items.conversation_id has no foreign key), so the row is complete when it is
   * inserted. Before, refreshPreviews updated every new conversation right after: a second
   * version of the row in all 14 of the table's indexes (two GIN), the customer key checked again
   * (the row was inserted by this transaction) and the rollup trigger's transition tables — most
   * of a backlog page's database time. By binary COPY into a session's TEMP stage, then one
   * INSERT … SELECT. A conversation another transaction creates meanwhile fails the unique key, and
   * ingest retries the page (see isRetryableTxError).
   */
  async insertNew(c: ClientBase, sourceId: string, platform: string, rows: readonly NewConversation[]) {
    if (rows.length === 0) return;
    // Per session, emptied at every commit; created again after a rollback took it away.
    await c.query(
      `CREATE TEMP TABLE IF NOT EXISTS ingest_conversation_stage ON COMMIT DELETE ROWS AS
       SELECT ${NEW_CONVERSATION_NAMES} FROM conversations WITH NO DATA`,
    );
    await copyBinary(
      c,
      'ingest_conversation_stage',
      NEW_CONVERSATION_COLUMNS,
      rows.map(({ threadKey, state: s }) => {
        // COPY writes only what a conversation ingest opens can differ in; the rest is the default.
        if (s.status !== 'open' || s.firstResponseAt || s.sla.pausedAt || s.sla.warned50At)
          throw new Error('insertNew takes conversations as openConversation makes them');
        return [
          s.id,
          sourceId,
          platform,
          threadKey,
          s.contactId,
          s.customerId,
          s.firstMessageAt,
          s.lastMessageAt,
          s.lastCustomerMessageAt,
          s.needsResponse,
          s.sla.dueAt,
          s.sla.policyId,
          s.sla.startedAt,
          s.intent,
          s.sentimentLabel,
          s.priority,
        ];
      }),
    );
    // the preview and language as refreshPreviews computes them, the words as otklik_search_doc_of
    await c.query(
      `INSERT INTO conversations (${NEW_CONVERSATION_NAMES}, last_text, last_direction, language, search_doc)
       SELECT ${NEW_CONVERSATION_COLUMNS.map((x) => `s.${x.name}`).join(', ')}, l.text, l.direction, g.language,
              COALESCE(w.doc, '')
         FROM ingest_conversation_stage s
         LEFT JOIN LATERAL (
           SELECT left(i.text, 500) AS text, i.direction FROM items i WHERE i.conversation_id = s.id
            ORDER BY i.created_at_platform DESC, i.id DESC LIMIT 1) l ON true
         LEFT JOIN LATERAL (
           SELECT i.language FROM items i
            WHERE i.conversation_id = s.id AND i.direction = 'inbound' AND i.language IS NOT NULL
            ORDER BY i.created_at_platform DESC, i.id DESC LIMIT 1) g ON true
         LEFT JOIN LATERAL (
           SELECT strip(otklik_tsvector_agg(i.search_tsv)) AS doc FROM items i WHERE i.conversation_id = s.id) w ON true
        ORDER BY s.thread_key COLLATE "C"`,
    );
  }

  /**
   * Ingest's transaction adds its new items' lexemes to `search_doc` itself (refreshPreviews with
   * `newItems`), so the items INSERT trigger skips them (migration 1732601440000): one UPDATE per
   * conversation and page instead of two. Set local: it ends with the transaction. `alsoLocal`:
   * the caller's own settings for the transaction, set in the same round trip.
   */
  async takeSearchDocInserts(db: Queryable, alsoLocal: Readonly<Record<string, string>> = {}): Promise<void> {
    const settings: [string, string][] = [
      ['otklik.search_doc_by_caller', 'on'],
      ...Object.entries(alsoLocal),
    ];
    await db.query(
      `SELECT ${settings.map((_, i) => `set_config($${2 * i + 1}, $${2 * i + 2}, true)`).join(', ')}`,
      settings.flat(),
    );
  }

  /**
   * The queue's one-line preview and the conversation's language, from its items: the newest
   * message (text cut to 500 characters, direction) and the language of the newest customer
   * item. Called in the transaction that stored items (ingest, a delivered reply), so the queue
   * reads them from the row instead of a lateral join per row. `newItems`: items this
   * transaction inserted after takeSearchDocInserts; their lexemes join `search_doc` in the same
   * UPDATE (the row's current lexemes plus theirs, as the trigger did: an UPDATE that waited for
   * a concurrent one works on its committed row).
   */
  async refreshPreviews(
    db: Queryable,
    ids: readonly string[],
    newItems?: { sourceId: string; externalIds: readonly string[] },
  ): Promise<void> {
    if (ids.length === 0) return;
    await db.query(
      `WITH n AS (
         SELECT conversation_id AS id, otklik_tsvector_agg(search_tsv) AS doc FROM items
          WHERE source_id = $2 AND external_id = ANY($3::text[]) AND conversation_id IS NOT NULL
          GROUP BY 1)
       UPDATE conversations c SET last_text = l.text, last_direction = l.direction,
         language = COALESCE(g.language, c.language),
         search_doc = CASE WHEN n.doc IS NULL THEN c.search_doc ELSE strip(c.search_doc || n.doc) END
       FROM unnest($1::uuid[]) AS u(id)
       CROSS JOIN LATERAL (
         SELECT left(i.text, 500) AS text, i.direction FROM items i WHERE i.conversation_id = u.id
          ORDER BY i.created_at_platform DESC, i.id DESC LIMIT 1) l
       LEFT JOIN LATERAL (
         SELECT i.language FROM items i
          WHERE i.conversation_id = u.id AND i.direction = 'inbound' AND i.language IS NOT NULL
          ORDER BY i.created_at_platform DESC, i.id DESC LIMIT 1) g ON true
       LEFT JOIN n ON n.id = u.id
       WHERE c.id = u.id AND (c.last_text IS DISTINCT FROM l.text OR c.last_direction IS DISTINCT FROM l.direction
         OR c.language IS DISTINCT FROM COALESCE(g.language, c.language) OR n.doc IS NOT NULL)`,
      [[...new Set(ids)].sort(), newItems?.sourceId ?? null, newItems?.externalIds ?? []],
    );
  }

  /**
   * Sets the holder only if it still is `expected` (null: nobody); returns false when someone
   * else changed it first. Every assignment goes through here, so a take never overwrites a holder.
   */
  async assign(db: Queryable, id: string, to: string | null, expected: string | null): Promise<boolean> {
    // assigned_at / agent_action_at start the holder's idle clock (the idle return reads them)
    const rows = await sqlRows(
      db,
      `UPDATE conversations SET assignee_id = $2, updated_at = now(),
         assigned_at = CASE WHEN $2::uuid IS NULL THEN NULL ELSE now() END,
         agent_action_at = CASE WHEN $2::uuid IS NULL THEN NULL ELSE now() END,
         returned_from = CASE WHEN $2::uuid IS NULL THEN returned_from END,
         returned_at = CASE WHEN $2::uuid IS NULL THEN returned_at END
        WHERE id = $1 AND assignee_id IS NOT DISTINCT FROM $3::uuid RETURNING id`,
      [id, to, expected],
    );
    return rows.length === 1;
  }

  /**
   * Taken back from its holder by a rule (the idle return, a breach with nobody else to take it):
   * back to the queue, remembering whom from, so the hand-out does not give it straight back.
   */
  async returnToQueue(db: Queryable, id: string, from: string): Promise<boolean> {
    const rows = await sqlRows(
      db,
      `UPDATE conversations SET assignee_id = NULL, updated_at = now(), assigned_at = NULL,
         agent_action_at = NULL, returned_from = $2, returned_at = now()
        WHERE id = $1 AND assignee_id = $2 RETURNING id`,
      [id, from],
    );
    return rows.length === 1;
  }

  /** The holder acted on it (a reply, a note, a status change): their idle clock starts again. */
  async touchAgentAction(db: Queryable, id: string, userId: string): Promise<void> {
    await db.query(`UPDATE conversations SET agent_action_at = now() WHERE id = $1 AND assignee_id = $2`, [
      id,
      userId,
    ]);
  }

  /**
   * The hand-out's next waiting conversations: open, nobody holds them, an answer is needed, and
   * their team (if any) hands out automatically; most urgent first (the queue's order), locked.
   * Rows another assigner or an agent holds right now are skipped (SKIP LOCKED), so concurrent
   * assigners never wait on each other or take the same conversation; `tried` are the ones this
   * pass found nobody for.
   */
  async lockNextWaiting(
    db: Queryable,
    tried: readonly string[],
    limit: number,
    returnCooldownMs = 0,
  ): Promise<{ id: string; teamId: string | null; language: string | null; returnedFrom: string | null }[]> {
    return sqlRows(
      db,
      `SELECT c.id, c.team_id AS "teamId",
              (SELECT i.language FROM items i WHERE i.conversation_id = c.id AND i.direction = 'inbound'
                ORDER BY i.created_at_platform DESC, i.id DESC LIMIT 1) AS language,
              CASE WHEN c.returned_at > now() - $3 * interval '1 millisecond' THEN c.returned_from END
                AS "returnedFrom"
         FROM conversations c
        WHERE c.status = 'open' AND c.assignee_id IS NULL AND c.needs_response
          AND NOT (c.id = ANY($1::uuid[]))
          AND NOT EXISTS (SELECT 1 FROM team_assignment ta WHERE ta.team_id = c.team_id AND NOT ta.auto_assign)
        ORDER BY c.due_at ASC NULLS LAST, c.priority DESC, c.id
        LIMIT $2
        FOR UPDATE OF c SKIP LOCKED`,
      [tried, limit, returnCooldownMs],
    );
  }

  /**
   * Assigned open conversations whose holder has not acted for their team's idle minutes
   * (team_assignment.idle_return_minutes), locked; rows being changed right now are skipped.
   */
  async lockIdleAssigned(
    db: Queryable,
    now: Date,
    limit: number,
  ): Promise<{ id: string; assigneeId: string; teamId: string; lastActionAt: Date; idleMinutes: number }[]> {
    return sqlRows(
      db,
      `SELECT c.id, c.assignee_id AS "assigneeId", c.team_id AS "teamId",
              COALESCE(GREATEST(c.assigned_at, c.agent_action_at), c.updated_at) AS "lastActionAt", ta.idle_return_minutes AS "idleMinutes"
         FROM conversations c JOIN team_assignment ta ON ta.team_id = c.team_id
        WHERE c.status = 'open' AND c.assignee_id IS NOT NULL AND ta.idle_return_minutes IS NOT NULL
          AND COALESCE(GREATEST(c.assigned_at, c.agent_action_at), c.updated_at)
              <= $1::timestamptz - make_interval(mins => ta.idle_return_minutes)
        ORDER BY c.id
        LIMIT $2
        FOR UPDATE OF c SKIP LOCKED`,
      [now, limit],
    );
  }

  /** Breached conversations move up the queue (the priorities are the escalation's decision). */
  async setPriorities(db: Queryable, changes: readonly { id: string; priority: number }[]): Promise<void> {
    if (changes.length === 0) return;
    await db.query(
      `UPDATE conversations c SET priority = u.priority, updated_at = now()
         FROM unnest($1::uuid[], $2::smallint[]) AS u(id, priority) WHERE c.id = u.id`,
      [changes.map((c) => c.id), changes.map((c) => c.priority)],
    );
  }

  /** Team and priority: the holder's to change, no lifecycle rule involved. */
  async setTeamAndPriority(db: Queryable, id: string, f: { teamId?: string | null; priority?: number }) {
    if (f.teamId === undefined && f.priority === undefined) return;
    await db.query(
      `UPDATE conversations SET team_id = CASE WHEN $2 THEN $3::uuid ELSE team_id END,
         priority = COALESCE($4::smallint, priority), updated_at = now() WHERE id = $1`,
      [id, f.teamId !== undefined, f.teamId ?? null, f.priority ?? null],
    );
  }

  /** The queue filters by intent and shows sentiment: a correction of the newest customer item follows. */
  async setLabels(db: Queryable, id: string, labels: { intent?: string; sentiment?: string }): Promise<void> {
    await db.query(
      `UPDATE conversations SET intent = COALESCE($2, intent), sentiment_label = COALESCE($3, sentiment_label),
         updated_at = now() WHERE id = $1`,
      [id, labels.intent ?? null, labels.sentiment ?? null],
    );
  }

  /** Contacts linked into one customer: their conversations move to the surviving customer. */
  async moveToCustomer(db: Queryable, survivor: string, merged: readonly string[]): Promise<void> {
    await db.query(
      `UPDATE conversations SET customer_id = $1, updated_at = now() WHERE customer_id = ANY($2::uuid[])`,
      [survivor, merged],
    );
  }

  /** A contact's conversations follow it to another customer (unlinking). */
  async moveContactToCustomer(db: Queryable, contactId: string, customerId: string): Promise<string[]> {
    const rows = await sqlRows<{ id: string }>(
      db,
      `UPDATE conversations SET customer_id = $1, updated_at = now() WHERE contact_id = $2 RETURNING id`,
      [customerId, contactId],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Stamps the warnings and breaches the sweep raised, only on clocks still running for that same
   * deadline (a reply, pause, resolve or reopen since the sweep read them wins).
   */
  async stampSlaEvents(db: Queryable, events: readonly SlaStamp[], at: Date): Promise<void> {
    if (events.length === 0) return;
    await db.query(
      `UPDATE conversations c SET
         sla_warned_50_at = CASE WHEN 'warning_50' = ANY(l.kinds) THEN COALESCE(c.sla_warned_50_at, $4) ELSE c.sla_warned_50_at END,
         sla_warned_80_at = CASE WHEN 'warning_80' = ANY(l.kinds) THEN COALESCE(c.sla_warned_80_at, $4) ELSE c.sla_warned_80_at END,
         sla_breached_at = CASE WHEN 'breach' = ANY(l.kinds) THEN COALESCE(c.sla_breached_at, $4) ELSE c.sla_breached_at END
       FROM (SELECT conversation_id, due_at, array_agg(kind) AS kinds
               FROM unnest($1::uuid[], $2::text[], $3::timestamptz[]) AS e(conversation_id, kind, due_at)
              GROUP BY 1, 2) l
       WHERE c.id = l.conversation_id AND date_trunc('milliseconds', c.due_at) = l.due_at AND ${COUNTING_CLOCK}`,
      [events.map((e) => e.conversationId), events.map((e) => e.kind), events.map((e) => e.dueAt), at],
    );
  }
}

/** The sweep's predicate with the table alias `c` (see runningClock). */
export const RUNNING_CLOCK = runningClock('c');
/** A clock that counts, alias `c` (see countingClock): what an SLA event may still be raised on. */
export const COUNTING_CLOCK = countingClock('c');

/** What ingest writes into a new conversation, in COPY order (see insertNew). */
const NEW_CONVERSATION_COLUMNS: BinaryColumn[] = [
  { name: 'id', type: 'uuid' },
  { name: 'source_id', type: 'uuid' },
  { name: 'platform', type: 'text' },
  { name: 'thread_key', type: 'text' },
  { name: 'contact_id', type: 'uuid' },
  { name: 'customer_id', type: 'uuid' },
  { name: 'first_message_at', type: 'timestamptz' },
  { name: 'last_message_at', type: 'timestamptz' },
  { name: 'last_customer_message_at', type: 'timestamptz' },
  { name: 'needs_response', type: 'bool' },
  { name: 'due_at', type: 'timestamptz' },
  { name: 'sla_policy_id', type: 'uuid' },
  { name: 'sla_started_at', type: 'timestamptz' },
  { name: 'intent', type: 'text' },
  { name: 'sentiment_label', type: 'text' },
  { name: 'priority', type: 'int2' },
];
const NEW_CONVERSATION_NAMES = NEW_CONVERSATION_COLUMNS.map((x) => x.name).join(', ');

function toState(r: Record<string, any>): LockedConversation {
  return {
    id: r.id,
    sourceId: r.sourceId,
    assigneeId: r.assigneeId,
    status: r.status,
    snoozedUntil: r.snoozedUntil,
    resolvedAt: r.resolvedAt,
    needsResponse: r.needsResponse,
    intent: r.intent,
    sentimentLabel: r.sentimentLabel,
    priority: Number(r.priority),
    contactId: r.contactId,
    customerId: r.customerId,
    firstMessageAt: r.firstMessageAt,
    lastMessageAt: r.lastMessageAt,
    lastCustomerMessageAt: r.lastCustomerMessageAt,
    firstResponseAt: r.firstResponseAt,
    firstResponseSeconds: r.firstResponseSeconds,
    sla: {
      policyId: r.policyId,
      startedAt: r.startedAt,
      dueAt: r.dueAt,
      pausedAt: r.pausedAt,
      pausedMs: Number(r.pausedMs),
      warned50At: r.warned50At,
      warned80At: r.warned80At,
      breachedAt: r.breachedAt,
    },
  };
}
