import { Injectable } from '@nestjs/common';
import type { Pool, QueryConfig } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import type { ConversationStatus } from '../conversations/conversation-lifecycle';
import { itemUrl } from '../connectors/item-url';
import type { SlaState } from './dto/inbox.dto';
import { Queryable, sqlOne, sqlRows } from '../database/sql';
import type {
  ConversationRow,
  NoteRow,
  OtherConversationRow,
  TimelineItemRow,
  TimelineReplyRow,
} from './inbox.rows';
import { afterCursorSql, encodeQueueCursor, QueueCursor } from './queue-cursor';
import { ReadAfterAsking, type QueueState } from './queue-cache';

export interface ConversationFilter {
  status?: ConversationStatus;
  /** A user id, or null for unassigned. */
  assigneeId?: string | null;
  sourceId?: string;
  platform?: string;
  sentiment?: string;
  intent?: string;
  language?: string;
  teamId?: string;
  tagId?: string;
  sla?: SlaState;
  from?: Date;
  to?: Date;
  /** Search words (see searchSql). */
  q?: string;
}

export interface QueueFilter extends ConversationFilter {
  after?: QueueCursor;
  limit: number;
}

const CONVERSATION_COLUMNS = `
  c.id, c.source_id AS "sourceId", s.name AS "sourceName", c.platform, c.thread_key AS "threadKey",
  c.subject, c.status, c.assignee_id AS "assigneeId", c.team_id AS "teamId", c.priority,
  c.intent, c.sentiment_label AS "sentimentLabel", c.needs_response AS "needsResponse",
  c.snoozed_until AS "snoozedUntil", c.first_message_at AS "firstMessageAt",
  c.last_message_at AS "lastMessageAt", c.last_customer_message_at AS "lastCustomerMessageAt",
  c.sla_started_at AS "slaStartedAt", c.due_at AS "dueAt", c.sla_breached_at AS "slaBreachedAt",
  c.first_response_at AS "firstResponseAt", c.first_response_seconds AS "firstResponseSeconds",
  c.resolved_at AS "resolvedAt", c.created_at AS "createdAt", c.updated_at AS "updatedAt",
  c.customer_id AS "customerId", c.language, c.sla_warned_50_at AS "slaWarned50At", c.sla_warned_80_at AS "slaWarned80At",
  c.assigned_at AS "assignedAt", c.agent_action_at AS "agentActionAt",
  CASE WHEN ct.id IS NULL THEN NULL ELSE json_build_object(
    'id', ct.id, 'platform', ct.platform, 'externalId', ct.external_id,
    'displayName', ct.display_name, 'username', ct.username) END AS contact`;

const FROM_CONVERSATIONS = `
  FROM conversations c
  JOIN sources s ON s.id = c.source_id
  LEFT JOIN contacts ct ON ct.id = c.contact_id`;

/** The newest message of another customer conversation (a handful of rows, so a lateral join). */
const LAST_ITEM = `
  LEFT JOIN LATERAL (
    SELECT i.text, i.direction, i.created_at_platform FROM items i
    WHERE i.conversation_id = c.id ORDER BY i.created_at_platform DESC, i.id DESC LIMIT 1
  ) last ON true`;

/** The three text search configurations an item can be stored under (migration InboxSearch). */
const TSQUERY = (p: string) =>
  `(websearch_to_tsquery('russian', ${p}) || websearch_to_tsquery('english', ${p}) || websearch_to_tsquery('simple', ${p}))`;

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

/** The tabs small enough to walk in queue order (their own index each) whatever the filters. */
const WALKED_STATUSES: readonly string[] = ['open', 'pending', 'snoozed'];

/**
 * WHERE conditions for a filter. Every combination has an index path (migrations InboxSearch,
 * QueueFilterIndex): the queue's order per status and across statuses; a person, team or source
 * by its own index; any AND of platform, source, sentiment, intent, language, team, assignee and
 * tag by the filter GIN index; last_message_at for a time range; search words by the
 * conversations' search documents, names and order numbers by their trigram indexes.
 *
 * The open, pending and snoozed tabs (a few per cent of the conversations) are walked in queue
 * order instead, stopping at a page: there the plain filters are written `(…) IS TRUE`, which
 * no index can answer, so the planner cannot pick a bitmap of a big posting list (VK and
 * negative: 162,000 entries, 180 ms) or misjudge correlated conditions (breached sales
 * questions: estimated 24 of 6,868) and fetch and sort thousands of rows. A person, a team and
 * a source keep their indexes (few rows).
 */
function filterSql(f: ConversationFilter, params: unknown[]): string[] {
  const where: string[] = [];
  const walked = f.status !== undefined && WALKED_STATUSES.includes(f.status);
  const plain = (cond: string) => (walked ? `(${cond}) IS TRUE` : cond);
  const add = (cond: (p: string) => string, value: unknown, keepIndex = false) => {
    params.push(value);
    const sql = cond(`$${params.length}`);
    where.push(keepIndex ? sql : plain(sql));
  };
  if (f.status) add((p) => `c.status = ${p}::conversation_status`, f.status, true);
  if (f.assigneeId === null) where.push(plain('c.assignee_id IS NULL'));
  else if (f.assigneeId) add((p) => `c.assignee_id = ${p}::uuid`, f.assigneeId, true);
  if (f.sourceId) add((p) => `c.source_id = ${p}::uuid`, f.sourceId, true);
  if (f.platform) add((p) => `c.platform = ${p}`, f.platform);
  if (f.sentiment) add((p) => `c.sentiment_label = ${p}`, f.sentiment);
  if (f.intent) add((p) => `c.intent = ${p}`, f.intent);
  if (f.language) add((p) => `c.language = ${p}`, f.language);
  if (f.teamId) add((p) => `c.team_id = ${p}::uuid`, f.teamId, true);
  // tag_ids mirrors conversation_tags (a trigger), so a tag is one more key of the filter index
  if (f.tagId) add((p) => `c.tag_ids @> ARRAY[${p}::uuid]`, f.tagId);
  // a conversation with messages in the range: its last at or after `from`, its first before `to`
  if (f.from) add((p) => `c.last_message_at >= ${p}::timestamptz`, f.from);
  if (f.to) add((p) => `c.first_message_at < ${p}::timestamptz`, f.to);
  // A running clock's state. In a walked tab the correlated part is written as a CASE, which the
  // planner rates at one half: its estimate from the columns' statistics assumes them independent
  // (a running clock in the open tab, past due: 24 estimated of 6,868 breached sales questions)
  // and makes a walk of a few hundred rows look like one of the whole tab. "Not due yet" stays
  // plain: the tab's index answers it as a range (a count of at-risk ones reads only those).
  const opaque = (cond: string) => (walked ? `CASE WHEN ${cond} THEN true ELSE false END` : cond);
  if (f.sla === 'breached')
    where.push(opaque('c.due_at IS NOT NULL AND (c.sla_breached_at IS NOT NULL OR c.due_at <= now())'));
  else if (f.sla === 'at_risk')
    where.push('c.due_at > now()', opaque('c.sla_breached_at IS NULL AND c.sla_warned_80_at IS NOT NULL'));
  else if (f.sla === 'on_track')
    where.push('c.due_at > now()', opaque('c.sla_breached_at IS NULL AND c.sla_warned_80_at IS NULL'));
  return where;
}

/**
 * A conversation matches search words when its messages hold them all as full text (Russian,
 * English and plain word forms: an item's words are stored stemmed by its language; a "phrase"
 * within one message), or, for
 * three characters or more, the customer's name or username contains them (any contact of the
 * same customer), or, with three digits in a row, an order number in a message contains them.
 * One condition per way of matching (a branch): each is planned on its own (see queue()).
 */
function searchBranches(q: string, params: unknown[]): string[] {
  const parts: string[] = [];
  // Only words and phrase quotes reach websearch_to_tsquery: a run of operators ("------")
  // overflows PostgreSQL's tsquery stack (an error, not an empty query).
  const text = q.replace(/[^\p{L}\p{N}"\s]+/gu, ' ').trim();
  if (/[\p{L}\p{N}]/u.test(text)) {
    // conversations.search_doc: every word of every message, without positions (migration
    // ConversationSearchDoc), so all the words, each in some message of the conversation
    params.push(text.replace(/"/g, ' '));
    let cond = `c.search_doc @@ ${TSQUERY(`$${params.length}`)}`;
    if (text.includes('"')) {
      // a phrase needs the words' positions: one message must have it
      params.push(text);
      cond += ` AND EXISTS (SELECT 1 FROM items i WHERE i.conversation_id = c.id
        AND i.search_tsv @@ ${TSQUERY(`$${params.length}`)})`;
    }
    parts.push(cond);
  }
  const name = q.replace(/^@/, '');
  if (name.length >= 3) {
    params.push(`%${likeEscape(name)}%`);
    parts.push(
      `c.customer_id IN (SELECT ct.customer_id FROM contacts ct
        WHERE (ct.display_name || ' ' || COALESCE(ct.username, '')) ILIKE $${params.length})`,
    );
  }
  const ref = q.replace(/^[#№]\s*/, '');
  if (/\d{3}/.test(ref)) {
    params.push(`%${likeEscape(ref)}%`);
    parts.push(`c.id IN (SELECT i.conversation_id FROM items i WHERE i.order_refs ILIKE $${params.length})`);
  }
  return parts.length ? parts : ['false'];
}

/**
 * A queue row's tag chips in the page's own query (no second round trip), by name. Most
 * conversations have none (tag_ids, kept by a trigger): no lookup for those.
 */
const ROW_TAGS = `CASE WHEN c.tag_ids = '{}' THEN '[]'::json ELSE (
  SELECT ('[' || string_agg(row_to_json(x)::text, ',' ORDER BY x.name, x.id) || ']')::json FROM (
    SELECT t.id, t.name::text AS name, t.color FROM tags t WHERE t.id = ANY (c.tag_ids)) x) END`;

/** A timestamp as JavaScript's Date serialises it (UTC, milliseconds, `Z`), or NULL. */
const iso = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * A queue row (QueueRowView) as JSON: only what the list shows and
 * live events patch (the conversation's other fields are the detail view's). row_to_json writes
 * compact JSON (json_build_object puts spaces around every colon).
 */
const QUEUE_ROW_JSON = `(SELECT row_to_json(r) FROM (SELECT
  c.id, s.name AS "sourceName", c.platform, c.subject, c.status, c.assignee_id AS "assigneeId",
  c.team_id AS "teamId", c.priority, c.intent, c.sentiment_label AS "sentimentLabel", c.language,
  ${iso('c.snoozed_until')} AS "snoozedUntil", ${iso('c.last_message_at')} AS "lastMessageAt",
  ${iso('c.sla_started_at')} AS "slaStartedAt", ${iso('c.due_at')} AS "dueAt",
  ${iso('c.sla_breached_at')} AS "slaBreachedAt",
  CASE WHEN ct.id IS NULL THEN NULL ELSE (SELECT row_to_json(x) FROM (SELECT
    ct.display_name AS "displayName", ct.username) x) END AS contact,
  c.last_text AS "lastText", c.last_direction AS "lastDirection", ${ROW_TAGS} AS tags) r)`;

const QUEUE_ORDER = 'c.due_at ASC NULLS LAST, c.priority DESC, c.id ASC';

/** Named: prepared once per pooled connection. */
const QUEUE_STATE: QueryConfig = {
  name: 'otklik_queue_state',
  text: `SELECT sum(n)::text AS version, extract(epoch FROM now())::float8 * 1000 AS now FROM queue_version`,
};

/**
 * The ids of the first `limitParam` conversations in queue order that pass `where` and any one
 * of the search branches. Each branch is its own ordered, limited query, so the planner picks
 * per branch: a word in many messages walks the queue's index and probes each conversation's
 * items (stopping at a page), a rare one reads its few items from the GIN index and sorts them.
 * (One query with the branches OR-ed together cannot be planned either way.)
 */
function searchedIdsSql(where: string[], branches: string[], limitParam: string, ordered = true): string {
  return branches
    .map(
      (b) => `(SELECT c.id FROM conversations c WHERE ${[...where, b].join(' AND ')}
        ${ordered ? `ORDER BY ${QUEUE_ORDER}` : ''} LIMIT ${limitParam})`,
    )
    .join(' UNION ');
}

/**
 * The inbox's read model: the queue, one conversation's whole story, and notes. Conversations
 * themselves are written only by ConversationsRepository (src/conversations/).
 */
@Injectable()
export class InboxRepository {
  /** The queue's state, one read for all the requests that came while the last one ran. */
  private readonly state = new ReadAfterAsking(() => this.readQueueState());

  constructor(private readonly db: DataSource) {}

  /**
   * A page of the queue as the JSON text of its rows (the API's QueueRowView, built by
   * PostgreSQL: rows arrive as one text column each, so the API neither parses 40 columns and a
   * dozen timestamps per row nor serialises them again), and the next page's cursor.
   */
  async queue(f: QueueFilter): Promise<{ json: string; next: string | null; pastDueBeyond: boolean }> {
    const params: unknown[] = [];
    const where = filterSql(f, params);
    if (f.after) {
      const k = afterCursorSql(f.after, params.length + 1);
      where.push(k.sql);
      params.push(...k.params);
    }
    const branches = f.q?.trim() ? searchBranches(f.q.trim(), params) : [];
    params.push(f.limit + 1);
    const limit = `$${params.length}`;
    const match =
      branches.length > 1 ? [`c.id IN (${searchedIdsSql(where, branches, limit)})`] : [...where, ...branches];
    // The page's ids first (narrow rows, whatever plan finds them), then the columns and joins
    // for those rows only: a plan that sorts thousands of matches does not join them all.
    const rows = await sqlRows<{
      doc: string;
      dueKey: string | null;
      priority: number;
      id: string;
      pastDue: boolean | null;
    }>(
      this.db,
      `SELECT ${QUEUE_ROW_JSON}::text AS doc, c.due_at::text AS "dueKey", c.priority, c.id,
              c.due_at <= now() AS "pastDue"
       FROM (SELECT c.id FROM conversations c ${match.length ? `WHERE ${match.join(' AND ')}` : ''}
              ORDER BY ${QUEUE_ORDER} LIMIT ${limit}) page
       JOIN conversations c ON c.id = page.id
       JOIN sources s ON s.id = c.source_id
       LEFT JOIN contacts ct ON ct.id = c.contact_id
       ORDER BY ${QUEUE_ORDER}`,
      params,
    );
    const more = rows.length > f.limit;
    const page = more ? rows.slice(0, f.limit) : rows;
    const tail = page[page.length - 1];
    const next =
      more && tail ? encodeQueueCursor({ due: tail.dueKey, priority: tail.priority, id: tail.id }) : null;
    // the row after the page (read to know there is a next page) was past due when this statement ran
    const pastDueBeyond = more && rows[f.limit].pastDue === true;
    return { json: `[${page.map((r) => r.doc).join(',')}]`, next, pastDueBeyond };
  }

  /**
   * The queue's version (migration QueueVersion) and the database's clock, for QueueCache, read
   * after the call (ReadAfterAsking: shared with the calls that came while the last read ran). On
   * TypeORM's pg pool itself, a prepared statement: TypeORM's query runner and logging around one
   * small query cost more than the query.
   */
  queueState(): Promise<QueueState> {
    return this.state.get();
  }

  private async readQueueState(): Promise<QueueState> {
    const pool = (this.db.driver as PostgresDriver).master as Pool;
    const r = await pool.query<{ version: string | null; now: number }>(QUEUE_STATE);
    return { version: r.rows[0]?.version ?? '0', now: r.rows[0].now };
  }

  /**
   * When the next running clock falls due (ms since the epoch), or null: until then an SLA state
   * filter ("breached", "on track") finds what it finds now unless something is written.
   */
  async nextDue(): Promise<number | null> {
    const r = await sqlOne<{ t: number | null }>(
      this.db,
      `SELECT extract(epoch FROM min(due_at))::float8 * 1000 AS t FROM conversations WHERE due_at > now()`,
    );
    return r?.t ?? null;
  }

  /**
   * How many conversations a filter finds, counted up to `cap` (a saved view's live count: the
   * walk stops at the cap, so a big view costs no more than a small one).
   */
  async count(f: ConversationFilter, cap: number): Promise<number> {
    const params: unknown[] = [];
    const where = filterSql(f, params);
    const branches = f.q?.trim() ? searchBranches(f.q.trim(), params) : [];
    params.push(cap);
    const limit = `$${params.length}`;
    const match =
      branches.length > 1 ? [`c.id IN (${searchedIdsSql(where, branches, limit)})`] : [...where, ...branches];
    const row = await sqlOne<{ n: number }>(
      this.db,
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM conversations c
         ${match.length ? `WHERE ${match.join(' AND ')}` : ''} LIMIT ${limit}) t`,
      params,
    );
    return row!.n;
  }

  async find(db: Queryable, id: string): Promise<ConversationRow | undefined> {
    return sqlOne<ConversationRow>(
      db,
      `SELECT ${CONVERSATION_COLUMNS} ${FROM_CONVERSATIONS} WHERE c.id = $1`,
      [id],
    );
  }

  /** The SLA events of the conversation's clocks (50 %, 80 %, breach), oldest first, for the timeline. */
  slaEvents(id: string): Promise<{ id: string; kind: string; dueAt: Date; createdAt: Date }[]> {
    return sqlRows(
      this.db,
      `SELECT id::text, kind, due_at AS "dueAt", created_at AS "createdAt"
         FROM sla_events WHERE conversation_id = $1 ORDER BY created_at, id LIMIT 500`,
      [id],
    );
  }

  /** The timeline, oldest first (the newest `limit` items when the conversation is long). */
  async items(id: string, limit = 500): Promise<TimelineItemRow[]> {
    return sqlRows<TimelineItemRow & { seq?: string; chatUsername: string | null; videoId: string | null }>(
      this.db,
      `SELECT * FROM (
         SELECT i.id::text AS id, i.kind, i.direction, i.external_id AS "externalId",
           i.parent_external_id AS "parentExternalId", i.thread_external_id AS "threadExternalId",
           i.author_external_id AS "authorExternalId", i.author_name AS "authorName", i.text,
           i.previous_texts AS "previousTexts", i.version, i.created_at_platform AS "createdAt",
           i.received_at AS "receivedAt", i.edited_at AS "editedAt", i.language,
           i.sentiment_label AS "sentimentLabel", i.sentiment_score AS "sentimentScore",
           i.intent, i.intent_confidence AS "intentConfidence", i.needs_response AS "needsResponse",
           i.deadline_at AS "deadlineAt", i.archived_at AS "archivedAt", i.cleaned,
           i.analysis_why AS why, i.review_reason AS "reviewReason", i.reviewed_at AS "reviewedAt", i.id AS seq,
           i.platform, COALESCE(i.raw->'chat'->>'username', i.raw->'sender_chat'->>'username') AS "chatUsername",
           i.raw->'snippet'->>'videoId' AS "videoId"
         FROM items i WHERE i.conversation_id = $1
         ORDER BY i.created_at_platform DESC, i.id DESC LIMIT $2
       ) t ORDER BY t."createdAt" ASC, t.seq ASC`,
      [id, limit],
    ).then((rows) =>
      rows.map(({ seq: _seq, chatUsername, videoId, ...r }) => ({
        ...r,
        url: itemUrl({ platform: r.platform, externalId: r.externalId, chatUsername, videoId }),
      })),
    );
  }

  async replies(id: string): Promise<TimelineReplyRow[]> {
    return sqlRows<TimelineReplyRow>(
      this.db,
      `SELECT r.id, r.status, r.text, r.author_id AS "authorId", u.name AS "authorName",
         r.in_reply_to_item_id::text AS "inReplyToItemId", r.attempts, r.last_error AS "lastError",
         r.platform_message_id AS "platformMessageId", r.next_attempt_at AS "nextAttemptAt",
         r.created_at AS "createdAt", r.sent_at AS "sentAt", r.delivered_at AS "deliveredAt",
         r.auto_ack AS "autoAck"
       FROM replies r LEFT JOIN users u ON u.id = r.author_id
       WHERE r.conversation_id = $1 ORDER BY r.created_at, r.id`,
      [id],
    );
  }

  async notes(id: string): Promise<NoteRow[]> {
    return sqlRows<NoteRow>(
      this.db,
      `SELECT n.id, n.text, n.author_id AS "authorId", u.name AS "authorName", n.created_at AS "createdAt"
       FROM notes n LEFT JOIN users u ON u.id = n.author_id
       WHERE n.conversation_id = $1 ORDER BY n.created_at, n.id`,
      [id],
    );
  }

  /** The same customer's other conversations, on any platform (contacts linked into one customer). */
  async otherConversationsOfCustomer(customerId: string, exceptId: string): Promise<OtherConversationRow[]> {
    return sqlRows<OtherConversationRow>(
      this.db,
      `SELECT c.id, c.platform, c.source_id AS "sourceId", s.name AS "sourceName", c.status, c.subject,
         c.intent, c.sentiment_label AS "sentimentLabel", c.last_message_at AS "lastMessageAt",
         last.text AS "lastText"
       FROM conversations c JOIN sources s ON s.id = c.source_id ${LAST_ITEM}
       WHERE c.customer_id = $1 AND c.id <> $2
       ORDER BY c.last_message_at DESC NULLS LAST LIMIT 50`,
      [customerId, exceptId],
    );
  }

  async assignableUser(db: Queryable, userId: string): Promise<boolean> {
    const row = await sqlOne(
      db,
      `SELECT 1 FROM users WHERE id = $1 AND disabled_at IS NULL AND role IN ('agent', 'admin')`,
      [userId],
    );
    return !!row;
  }

  async teamExists(db: Queryable, teamId: string): Promise<boolean> {
    return !!(await sqlOne(db, `SELECT 1 FROM teams WHERE id = $1`, [teamId]));
  }

  async addNote(db: Queryable, conversationId: string, authorId: string, text: string): Promise<NoteRow> {
    const note = await sqlOne<NoteRow>(
      db,
      `INSERT INTO notes (conversation_id, author_id, text) VALUES ($1, $2, $3)
       RETURNING id, text, author_id AS "authorId", created_at AS "createdAt"`,
      [conversationId, authorId, text],
    );
    return note!;
  }
}
