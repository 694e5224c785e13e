/**
 * The one way a change reaches the live inbox. Every writer (ingest, assignment and status,
 * notes, replies and their delivery, snooze wake-up, SLA sweep, analysis corrections) calls
 * publishInboxEvents() inside the transaction that makes the change:
 *
 *   1. the events are rows in `inbox_events` (bigserial id, kept for a while so a browser that
 *      lost its stream can resume from its Last-Event-ID);
 *   2. NOTIFY `inbox` carries the events themselves as a JSON array when they fit (PostgreSQL
 *      caps a payload at 8000 bytes), else their ids, comma-separated, for the listener to read;
 *      it is delivered on commit only, so a rolled-back change announces nothing.
 *
 * Every API instance LISTENs once (src/realtime/) and streams the events to its browsers.
 * Events carry ids and small facts, never customer text: the browser refetches what it shows.
 */
export const INBOX_CHANNEL = 'inbox';

export const INBOX_EVENT_TYPES = [
  /** Ingest stored new or edited customer items (data: inserted, edited counts). */
  'items.stored',
  /** Assignment, status, snooze, team, priority, SLA state or deadline changed (data.changes). */
  'conversation.updated',
  /** A reply was queued or its delivery status moved (data: replyId, status). */
  'reply.updated',
  /** An internal note was added (data: noteId). */
  'note.created',
  /** An agent corrected an item's analysis (data: itemId). */
  'item.corrected',
  /**
   * An admin moved a conversation away from its holder (data: previousAssigneeId, assigneeId,
   * by): the previous holder's browser tells her.
   */
  'conversation.reassigned',
  /** In-app notifications were added for these people (data: userIds): their bell updates. */
  'notification.created',
] as const;
export type InboxEventType = (typeof INBOX_EVENT_TYPES)[number];

export interface NewInboxEvent {
  type: InboxEventType;
  conversationIds: readonly string[];
  data?: Record<string, unknown>;
}

/** As stored and as streamed to browsers (the SSE `data:` line is this object as JSON). */
export interface InboxEvent {
  id: string;
  type: InboxEventType;
  at: string;
  conversationIds: string[];
  data: Record<string, unknown>;
}

/** A TypeORM EntityManager or a pg client inside the caller's transaction. */
export interface SqlRunner {
  query(text: string, params?: unknown[]): Promise<unknown>;
}

/** Ids per NOTIFY: PostgreSQL caps a payload at 8000 bytes; a bigint id is ≤ 20 characters. */
const IDS_PER_NOTIFY = 350;
/** A payload up to this many bytes carries the events themselves. */
const INLINE_MAX_BYTES = 7900;

/**
 * Stores the events and queues NOTIFY `inbox` with their ids, in the caller's transaction (call
 * it inside one: outside, each statement commits alone and the events still go out, but no
 * longer atomically with the change). Events without conversations are dropped.
 */
export async function publishInboxEvents(db: SqlRunner, events: readonly NewInboxEvent[]): Promise<void> {
  const rows = events.filter((e) => e.conversationIds.length > 0);
  for (let i = 0; i < rows.length; i += IDS_PER_NOTIFY) {
    const chunk = rows.slice(i, i + IDS_PER_NOTIFY);
    await db.query(
      `WITH ins AS (
         INSERT INTO inbox_events (type, conversation_ids, data)
         SELECT e->>'type', ARRAY(SELECT jsonb_array_elements_text(e->'conversationIds'))::uuid[],
                COALESCE(e->'data', '{}'::jsonb)
           FROM jsonb_array_elements($1::jsonb) AS e
         RETURNING id, type, at, conversation_ids, data),
       agg AS (
         SELECT json_agg(json_build_object('id', id::text, 'type', type, 'at', at,
                  'conversationIds', conversation_ids, 'data', data) ORDER BY id)::text AS events,
                string_agg(id::text, ',' ORDER BY id) AS ids
           FROM ins)
       SELECT pg_notify('${INBOX_CHANNEL}',
                CASE WHEN octet_length(events) <= ${INLINE_MAX_BYTES} THEN events ELSE ids END)
         FROM agg`,
      [
        JSON.stringify(
          chunk.map((e) => ({ type: e.type, conversationIds: e.conversationIds, data: e.data ?? {} })),
        ),
      ],
    );
  }
}

/** A NOTIFY `inbox` payload: the events themselves, or the ids of events to read. */
export function parseInboxNotification(payload: string | undefined): { events: InboxEvent[]; ids: string[] } {
  if (!payload) return { events: [], ids: [] };
  if (payload.startsWith('[')) {
    try {
      const events = (JSON.parse(payload) as InboxEvent[]).filter(
        (e) => typeof e?.id === 'string' && /^[1-9]\d{0,18}$/.test(e.id),
      );
      return { events, ids: [] };
    } catch {
      return { events: [], ids: [] };
    }
  }
  return { events: [], ids: payload.split(',').filter((id) => /^[1-9]\d{0,18}$/.test(id)) };
}

export function conversationUpdated(
  conversationIds: string | readonly string[],
  changes: Record<string, unknown>,
): NewInboxEvent {
  return {
    type: 'conversation.updated',
    conversationIds: typeof conversationIds === 'string' ? [conversationIds] : conversationIds,
    data: { changes },
  };
}

export function conversationReassigned(
  conversationId: string,
  previousAssigneeId: string,
  assigneeId: string | null,
  by: string,
): NewInboxEvent {
  return {
    type: 'conversation.reassigned',
    conversationIds: [conversationId],
    data: { previousAssigneeId, assigneeId, by },
  };
}

export function replyUpdated(
  conversationId: string,
  replyId: string,
  status: string,
  extra: Record<string, unknown> = {},
): NewInboxEvent {
  return { type: 'reply.updated', conversationIds: [conversationId], data: { replyId, status, ...extra } };
}
