import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ItemRow } from './alert-signals.repository';

export interface SlaEventCounts {
  breached: number;
  dueSoon: number;
}

/**
 * Reads the SLA module's record (sla_events, the conversations' clocks) for SLA alerts. Read-only,
 * SQL of its own: the SLA lifecycle code is not this module's to touch.
 */
@Injectable()
export class AlertSlaRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Conversations with events raised in [from, to): breached, and due soon (a warning, and no
   * breach on the same deadline — a late sweep raises both at once).
   */
  async counts(from: Date, to: Date, kinds: string[], sourceId: string | null): Promise<SlaEventCounts> {
    const [row] = await this.db.query(
      `SELECT count(DISTINCT e.conversation_id) FILTER (WHERE e.kind = 'breach')::int AS breached,
              count(DISTINCT e.conversation_id) FILTER (
                WHERE e.kind <> 'breach' AND NOT EXISTS (
                  SELECT 1 FROM sla_events b
                   WHERE b.conversation_id = e.conversation_id AND b.due_at = e.due_at AND b.kind = 'breach'))::int
                AS "dueSoon"
         FROM sla_events e JOIN conversations c ON c.id = e.conversation_id
        WHERE e.created_at >= $1 AND e.created_at < $2 AND e.kind = ANY($3::text[])
          AND ($4::uuid IS NULL OR c.source_id = $4)`,
      [from, to, kinds, sourceId],
    );
    return { breached: row?.breached ?? 0, dueSoon: row?.dueSoon ?? 0 };
  }

  /**
   * Breaches raised in [from, to) whose conversation is still unanswered on the same deadline
   * (not answered, not reopened with a new clock, not resolved). An answer or resolving clears the
   * deadline (see src/conversations/conversation-lifecycle.ts), so the same due_at is the test; a
   * follow-up's clock may run after a first response.
   */
  async stillUnanswered(from: Date, to: Date, sourceId: string | null): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT c.id FROM sla_events e JOIN conversations c ON c.id = e.conversation_id
        WHERE e.kind = 'breach' AND e.created_at >= $1 AND e.created_at < $2
          AND c.due_at = e.due_at AND c.status <> 'resolved'
          AND ($3::uuid IS NULL OR c.source_id = $3)
        ORDER BY e.created_at, c.id`,
      [from, to, sourceId],
    );
    return rows.map((r) => r.id);
  }

  /** Conversations behind the events of [from, to), breaches first (for samples). */
  async eventConversations(
    from: Date,
    to: Date,
    kinds: string[],
    sourceId: string | null,
    limit = 3,
  ): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT c.id FROM sla_events e JOIN conversations c ON c.id = e.conversation_id
        WHERE e.created_at >= $1 AND e.created_at < $2 AND e.kind = ANY($3::text[])
          AND ($4::uuid IS NULL OR c.source_id = $4)
        GROUP BY c.id
        ORDER BY bool_or(e.kind = 'breach') DESC, min(e.due_at)
        LIMIT $5`,
      [from, to, kinds, sourceId, limit],
    );
    return rows.map((r) => r.id);
  }

  /** The last customer message of each conversation (what the sample shows). */
  lastCustomerItems(conversationIds: string[]): Promise<ItemRow[]> {
    if (!conversationIds.length) return Promise.resolve([]);
    return this.db.query(
      `SELECT DISTINCT ON (it.conversation_id)
              it.id::text AS id, it.source_id AS "sourceId", it.platform, it.external_id AS "externalId",
              it.conversation_id AS "conversationId", it.text,
              COALESCE(NULLIF(it.author_name, ''), ct.display_name, '') AS author,
              COALESCE(it.author_external_id, it.id::text) AS "authorKey", it.created_at_platform AS at,
              COALESCE(it.raw->'chat'->>'username', it.raw->'sender_chat'->>'username') AS "chatUsername",
              it.raw->'snippet'->>'videoId' AS "videoId"
         FROM items it LEFT JOIN contacts ct ON ct.id = it.contact_id
        WHERE it.conversation_id = ANY($1::uuid[]) AND it.direction = 'inbound'
        ORDER BY it.conversation_id, it.created_at_platform DESC`,
      [conversationIds],
    );
  }
}
