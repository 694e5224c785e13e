import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { publishInboxEvents, replyUpdated } from '../inbox/inbox-events';
import { Queryable, sqlOne, sqlRows } from '../database/sql';

export type ReplyStatus = 'queued' | 'sending' | 'delivered' | 'failed' | 'unknown';
export type StatusAfter = 'open' | 'pending' | 'resolved';

export interface ClaimedReply {
  id: string;
  conversationId: string;
  sourceId: string;
  platform: string;
  inReplyToItemId: string | null;
  text: string;
  attempts: number;
}

export interface ReplyTarget {
  id: string;
  externalId: string;
  threadExternalId: string | null;
  kind: string;
  raw: unknown;
}

/** A reply as the API returns it (GET /api/replies/:id, POST .../replies). */
export interface ReplyRow {
  id: string;
  conversationId: string;
  sourceId: string;
  inReplyToItemId: string | null;
  authorId: string | null;
  text: string;
  status: ReplyStatus;
  statusAfter: StatusAfter | null;
  attempts: number;
  platformMessageId: string | null;
  lastError: string | null;
  nextAttemptAt: Date | null;
  sentAt: Date | null;
  deliveredAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  autoAck: boolean;
}

/** A company answer that beat this one to the customer item (the 409's `reply`). */
export interface CollidingReply {
  id: string;
  origin: 'outbox' | 'platform';
  text: string;
  authorId: string | null;
  authorName: string | null;
  status: string;
  createdAt: Date;
}

export const REPLY_COLUMNS = `r.id, r.conversation_id AS "conversationId", r.source_id AS "sourceId",
  r.in_reply_to_item_id::text AS "inReplyToItemId", r.author_id AS "authorId", r.text, r.status,
  r.status_after AS "statusAfter", r.attempts, r.platform_message_id AS "platformMessageId",
  r.last_error AS "lastError", r.next_attempt_at AS "nextAttemptAt", r.sent_at AS "sentAt",
  r.delivered_at AS "deliveredAt", r.created_at AS "createdAt", r.updated_at AS "updatedAt",
  r.auto_ack AS "autoAck"`;

/**
 * SQL of the reply outbox. Every status change is a guarded UPDATE, so racing workers cannot both
 * win, and publishes a `reply.updated` inbox event in the same transaction (the live UI's chip).
 */
@Injectable()
export class RepliesRepository {
  constructor(private readonly db: DataSource) {}

  find(db: Queryable, id: string) {
    return sqlOne<ReplyRow>(db, `SELECT ${REPLY_COLUMNS} FROM replies r WHERE r.id = $1`, [id]);
  }

  /** Who holds the conversation now (null: nobody), for actions that need no lock. */
  async conversationHolder(db: Queryable, id: string): Promise<string | null> {
    const row = await sqlOne<{ assigneeId: string | null }>(
      db,
      `SELECT assignee_id AS "assigneeId" FROM conversations WHERE id = $1`,
      [id],
    );
    return row?.assigneeId ?? null;
  }

  /** The customer item a reply answers: the given one (if it is in this conversation) or the newest. */
  target(db: Queryable, conversationId: string, itemId?: string | null): Promise<ReplyTarget | undefined> {
    return sqlOne<ReplyTarget>(
      db,
      `SELECT id::text AS id, external_id AS "externalId", thread_external_id AS "threadExternalId", kind, raw
       FROM items
       WHERE conversation_id = $1 AND ($2::bigint IS NULL OR id = $2::bigint)
         AND ($2::bigint IS NOT NULL OR direction = 'inbound')
       ORDER BY created_at_platform DESC, id DESC LIMIT 1`,
      [conversationId, itemId ?? null],
    );
  }

  /** Which of these words are template shortcuts. */
  async templateShortcuts(db: Queryable, words: readonly string[]): Promise<string[]> {
    if (words.length === 0) return [];
    const rows = await sqlRows<{ shortcut: string }>(
      db,
      `SELECT shortcut FROM templates WHERE shortcut = ANY($1::text[]) ORDER BY shortcut`,
      [words],
    );
    return rows.map((r) => r.shortcut);
  }

  /** Inserts the queued reply; a repeated client idempotency key returns the first reply instead. */
  async insert(
    db: Queryable,
    r: {
      id: string;
      conversationId: string;
      inReplyToItemId: string;
      sourceId: string;
      authorId: string | null;
      text: string;
      idempotencyKey: string;
      statusAfter: StatusAfter | null;
      /** an automatic acknowledgement: delivered like any reply, never an answer */
      autoAck?: boolean;
    },
  ): Promise<{ row: ReplyRow; created: boolean }> {
    const inserted = await sqlOne<{ id: string }>(
      db,
      `INSERT INTO replies (id, conversation_id, in_reply_to_item_id, source_id, author_id, text,
         idempotency_key, status_after, auto_ack)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
      [
        r.id,
        r.conversationId,
        r.inReplyToItemId,
        r.sourceId,
        r.authorId,
        r.text,
        r.idempotencyKey,
        r.statusAfter,
        r.autoAck ?? false,
      ],
    );
    const row = await sqlOne<ReplyRow>(
      db,
      `SELECT ${REPLY_COLUMNS} FROM replies r WHERE r.idempotency_key = $1`,
      [r.idempotencyKey],
    );
    return { row: row!, created: !!inserted };
  }

  /**
   * The collision guard: a company answer to this customer item that appeared after `since` (when
   * the agent loaded the conversation) — a reply in the outbox (not failed, not this request's own
   * idempotent twin), or our account's message the platform delivered (e.g. answered there
   * directly) after the item. Newest first; undefined when there is none.
   */
  answeredSince(
    db: Queryable,
    conversationId: string,
    itemId: string,
    since: Date,
    ownKey: string,
  ): Promise<CollidingReply | undefined> {
    return sqlOne<CollidingReply>(
      db,
      `SELECT * FROM (
         SELECT r.id::text AS id, 'outbox' AS origin, r.text, r.author_id AS "authorId", u.name AS "authorName",
                r.status::text AS status, r.created_at AS "createdAt"
           FROM replies r LEFT JOIN users u ON u.id = r.author_id
          WHERE r.conversation_id = $1 AND r.in_reply_to_item_id = $2::bigint AND r.created_at > $3
            AND r.status <> 'failed' AND r.idempotency_key <> $4
            AND NOT r.auto_ack -- "we will answer by …" is not an answer
         UNION ALL
         SELECT o.id::text, 'platform', o.text, NULL, o.author_name, 'delivered', o.received_at
           FROM items o JOIN items t ON t.id = $2::bigint
          WHERE o.conversation_id = $1 AND o.direction = 'outbound' AND o.received_at > $3
            AND o.created_at_platform >= t.created_at_platform
            AND (o.raw->>'replyId') IS NULL AND (o.raw->>'autoAck') IS NULL -- the outbox's own are the first half
       ) a ORDER BY "createdAt" DESC LIMIT 1`,
      [conversationId, itemId, since, ownKey],
    );
  }

  /** Exactly one worker gets the row: the others find it no longer queued. */
  async claim(id: string): Promise<ClaimedReply | undefined> {
    return this.db.transaction(async (tx) => {
      const row = await sqlOne<ClaimedReply>(
        tx,
        `UPDATE replies r SET status = 'sending', attempts = attempts + 1, sent_at = now(), updated_at = now()
         FROM sources s
         WHERE r.id = $1 AND r.status = 'queued' AND s.id = r.source_id
           AND (r.next_attempt_at IS NULL OR r.next_attempt_at <= now())
         RETURNING r.id, r.conversation_id AS "conversationId", r.source_id AS "sourceId", s.platform,
           r.in_reply_to_item_id::text AS "inReplyToItemId", r.text, r.attempts`,
        [id],
      );
      if (row) await publishInboxEvents(tx, [replyUpdated(row.conversationId, id, 'sending')]);
      return row;
    });
  }

  /** The worker is alive and still sending: renews the `sending` lease (see SENDING_LEASE_SECONDS). */
  async renewLease(id: string): Promise<void> {
    await this.db.query(`UPDATE replies SET updated_at = now() WHERE id = $1 AND status = 'sending'`, [id]);
  }

  /** Back to the queue after a send that surely did not take effect. */
  async requeue(id: string, delayMs: number, error: string): Promise<Date | undefined> {
    return this.db.transaction(async (tx) => {
      const row = await sqlOne<{ at: Date; conversationId: string }>(
        tx,
        `UPDATE replies SET status = 'queued', last_error = $3, updated_at = now(),
           next_attempt_at = now() + make_interval(secs => $2::double precision / 1000)
         WHERE id = $1 AND status = 'sending'
         RETURNING next_attempt_at AS at, conversation_id AS "conversationId"`,
        [id, delayMs, error],
      );
      if (row) await publishInboxEvents(tx, [replyUpdated(row.conversationId, id, 'queued')]);
      return row?.at;
    });
  }

  /** `failed` or `unknown` (a person decides); only from the states given. */
  async settle(
    db: Queryable,
    id: string,
    status: 'failed' | 'unknown',
    error: string,
    from: ReplyStatus[] = ['sending'],
  ): Promise<boolean> {
    const rows = await sqlRows<{ conversationId: string }>(
      db,
      `UPDATE replies SET status = $2::reply_status, last_error = $3, next_attempt_at = NULL, updated_at = now()
       WHERE id = $1 AND status = ANY($4::reply_status[]) RETURNING conversation_id AS "conversationId"`,
      [id, status, error, from],
    );
    if (rows[0]) await publishInboxEvents(db, [replyUpdated(rows[0].conversationId, id, status)]);
    return rows.length === 1;
  }

  /**
   * Marks the reply delivered. A send that succeeded after the lease sweep already called it
   * `unknown` or put it back in the queue still wins: the platform's answer is the truth.
   */
  async markDelivered(
    db: Queryable,
    id: string,
    platformMessageId: string | null,
    from: ReplyStatus[],
    deliveredAt: 'now' | 'sent_at',
  ) {
    const done = await sqlOne<{
      deliveredAt: Date;
      conversationId: string;
      statusAfter: StatusAfter | null;
      autoAck: boolean;
    }>(
      db,
      `UPDATE replies SET status = 'delivered', platform_message_id = COALESCE($2, platform_message_id),
         delivered_at = ${deliveredAt === 'now' ? 'now()' : 'COALESCE(sent_at, now())'},
         last_error = NULL, next_attempt_at = NULL, updated_at = now()
       WHERE id = $1 AND status = ANY($3::reply_status[])
       RETURNING delivered_at AS "deliveredAt", conversation_id AS "conversationId", status_after AS "statusAfter",
         auto_ack AS "autoAck"`,
      [id, platformMessageId, from],
    );
    if (done) await publishInboxEvents(db, [replyUpdated(done.conversationId, id, 'delivered')]);
    return done;
  }

  /** A person asks to send again (after `unknown` or `failed`). */
  async resend(db: Queryable, id: string): Promise<boolean> {
    const rows = await sqlRows<{ conversationId: string }>(
      db,
      `UPDATE replies SET status = 'queued', next_attempt_at = NULL, updated_at = now()
       WHERE id = $1 AND status IN ('unknown', 'failed') RETURNING conversation_id AS "conversationId"`,
      [id],
    );
    if (rows[0]) await publishInboxEvents(db, [replyUpdated(rows[0].conversationId, id, 'queued')]);
    return rows.length === 1;
  }

  /**
   * Queued replies whose job may have been lost (a crash between commit and enqueue) or is held by
   * a dead worker (pg-boss keeps a job `active` until it expires).
   */
  dueWithoutProgress(graceSeconds: number, limit = 500) {
    return sqlRows<{ id: string; at: Date | null; attempts: number }>(
      this.db,
      `SELECT id, next_attempt_at AS at, attempts FROM replies
       WHERE status = 'queued' AND COALESCE(next_attempt_at, updated_at) < now() - make_interval(secs => $1)
       ORDER BY COALESCE(next_attempt_at, updated_at) LIMIT $2`,
      [graceSeconds, limit],
    );
  }

  /** Replies left in `sending` past the lease (no heartbeat since): the worker died mid-send. */
  stuckSending(leaseSeconds: number, limit = 500) {
    return sqlRows<{ id: string; platform: string; attempts: number }>(
      this.db,
      `SELECT r.id, s.platform, r.attempts FROM replies r JOIN sources s ON s.id = r.source_id
       WHERE r.status = 'sending' AND r.updated_at < now() - make_interval(secs => $1)
       ORDER BY r.updated_at LIMIT $2`,
      [leaseSeconds, limit],
    );
  }

  async releaseStuck(id: string, to: 'queued' | 'unknown', leaseSeconds: number): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const rows = await sqlRows<{ conversationId: string }>(
        tx,
        `UPDATE replies SET status = $2::reply_status, updated_at = now(),
           last_error = 'the worker stopped while sending; ' ||
             CASE WHEN $2 = 'queued' THEN 'the platform dedupes, sending again' ELSE 'check the platform' END
         WHERE id = $1 AND status = 'sending' AND updated_at < now() - make_interval(secs => $3)
         RETURNING conversation_id AS "conversationId"`,
        [id, to, leaseSeconds],
      );
      if (rows[0]) await publishInboxEvents(tx, [replyUpdated(rows[0].conversationId, id, to)]);
      return rows.length === 1;
    });
  }
}
