import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ConversationStatus } from '../conversations/conversation-lifecycle';
import { itemUrl } from '../connectors/item-url';
import { Queryable, sqlOne, sqlRows } from '../database/sql';
import type {
  ConversationRow,
  NoteRow,
  OtherConversationRow,
  QueueRow,
  TimelineItemRow,
  TimelineReplyRow,
} from './inbox.rows';
import { afterCursorSql, encodeQueueCursor, QueueCursor } from './queue-cursor';

export interface QueueFilter {
  status?: ConversationStatus;
  /** A user id, or null for unassigned. */
  assigneeId?: string | null;
  sourceId?: string;
  intent?: string;
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
  c.customer_id AS "customerId",
  CASE WHEN ct.id IS NULL THEN NULL ELSE json_build_object(
    'id', ct.id, 'platform', ct.platform, 'externalId', ct.external_id,
    'displayName', ct.display_name, 'username', ct.username) END AS contact`;

const FROM_CONVERSATIONS = `
  FROM conversations c
  JOIN sources s ON s.id = c.source_id
  LEFT JOIN contacts ct ON ct.id = c.contact_id`;

/** The newest message, for the queue's one-line preview (uses items_conversation_idx). */
const LAST_ITEM = `
  LEFT JOIN LATERAL (
    SELECT i.text, i.direction, i.created_at_platform FROM items i
    WHERE i.conversation_id = c.id ORDER BY i.created_at_platform DESC, i.id DESC LIMIT 1
  ) last ON true`;

/**
 * The inbox's read model: the queue, one conversation's whole story, and notes. Conversations
 * themselves are written only by ConversationsRepository (src/conversations/).
 */
@Injectable()
export class InboxRepository {
  constructor(private readonly db: DataSource) {}

  async queue(f: QueueFilter): Promise<{ rows: QueueRow[]; next: string | null }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (cond: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(cond(`$${params.length}`));
    };
    if (f.status) add((p) => `c.status = ${p}::conversation_status`, f.status);
    if (f.assigneeId === null) where.push('c.assignee_id IS NULL');
    else if (f.assigneeId) add((p) => `c.assignee_id = ${p}::uuid`, f.assigneeId);
    if (f.sourceId) add((p) => `c.source_id = ${p}::uuid`, f.sourceId);
    if (f.intent) add((p) => `c.intent = ${p}`, f.intent);
    if (f.after) {
      const k = afterCursorSql(f.after, params.length + 1);
      where.push(k.sql);
      params.push(...k.params);
    }
    params.push(f.limit + 1);
    const rows = await sqlRows<QueueRow & { dueKey?: string }>(
      this.db,
      `SELECT ${CONVERSATION_COLUMNS}, c.due_at::text AS "dueKey",
              last.text AS "lastText", last.direction AS "lastDirection"
       ${FROM_CONVERSATIONS} ${LAST_ITEM}
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY c.due_at ASC NULLS LAST, c.priority DESC, c.id ASC
       LIMIT $${params.length}`,
      params,
    );
    const more = rows.length > f.limit;
    const page = more ? rows.slice(0, f.limit) : rows;
    const tail = page[page.length - 1];
    const next =
      more && tail
        ? encodeQueueCursor({ due: tail.dueKey ?? null, priority: tail.priority, id: tail.id })
        : null;
    for (const r of page) delete r.dueKey;
    return { rows: page, next };
  }

  async find(db: Queryable, id: string): Promise<ConversationRow | undefined> {
    return sqlOne<ConversationRow>(
      db,
      `SELECT ${CONVERSATION_COLUMNS} ${FROM_CONVERSATIONS} WHERE c.id = $1`,
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
