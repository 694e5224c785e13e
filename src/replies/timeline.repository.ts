import { Injectable } from '@nestjs/common';
import { Queryable, sqlOne } from '../database/sql';
import { StatusAfter } from './replies.repository';

/**
 * What a delivered reply does to the conversation: it joins the timeline as an outbound item,
 * and the first one is the first response that stops the SLA clock.
 */
/** The reply answers everything the customer wrote before it was typed. */
const ANSWERED = `(c.last_customer_message_at IS NULL OR c.last_customer_message_at <= $2)`;

@Injectable()
export class TimelineRepository {
  /**
   * The outbound item. Its external id is the platform's id of the sent message (the key ingest
   * would give the echo of it), so an echo and this row collapse into one item.
   */
  async storeOutboundItem(
    db: Queryable,
    replyId: string,
    externalId: string,
    deliveredAt: Date,
  ): Promise<string> {
    const row = await sqlOne<{ id: string }>(
      db,
      `INSERT INTO items (source_id, platform, kind, external_id, parent_external_id, thread_external_id,
         conversation_id, direction, author_external_id, author_name, text, created_at_platform, raw)
       SELECT r.source_id, s.platform,
         CASE WHEN t.kind = 'message' THEN 'message' ELSE 'comment' END,
         $2, t.external_id, t.thread_external_id, r.conversation_id, 'outbound', 'brand', s.name, r.text, $3,
         jsonb_build_object('replyId', r.id, 'authorId', r.author_id)
       FROM replies r JOIN sources s ON s.id = r.source_id
       LEFT JOIN items t ON t.id = r.in_reply_to_item_id
       WHERE r.id = $1
       ON CONFLICT (source_id, external_id) DO UPDATE
         SET conversation_id = COALESCE(items.conversation_id, EXCLUDED.conversation_id),
             direction = 'outbound'
       RETURNING id::text AS id`,
      [replyId, externalId, deliveredAt],
    );
    return row!.id;
  }

  /**
   * Records the response on the conversation. The first delivered reply sets first_response_at
   * and its seconds from the customer message that started the clock; the running deadline is
   * cleared (SLA met) and the conversation waits on the customer — unless the agent chose
   * another status, or the customer wrote again after the reply was typed.
   */
  async recordResponse(
    db: Queryable,
    conversationId: string,
    replyCreatedAt: Date,
    deliveredAt: Date,
    statusAfter: StatusAfter | null,
  ): Promise<{ firstResponse: boolean }> {
    const row = await sqlOne<{ firstResponse: boolean }>(
      db,
      `WITH before AS (SELECT first_response_at IS NULL AS first FROM conversations WHERE id = $1 FOR UPDATE)
       UPDATE conversations c SET
         first_response_at = COALESCE(c.first_response_at, $3),
         first_response_seconds = COALESCE(c.first_response_seconds, GREATEST(0, round(EXTRACT(EPOCH FROM (
           $3 - COALESCE(c.sla_started_at, c.first_message_at,
             (SELECT min(i.created_at_platform) FROM items i WHERE i.conversation_id = c.id AND i.direction = 'inbound'),
             $3))))::int)),
         due_at = CASE WHEN ${ANSWERED} THEN NULL ELSE c.due_at END,
         sla_paused_at = CASE WHEN ${ANSWERED} THEN NULL ELSE c.sla_paused_at END,
         status = CASE
           WHEN $4::conversation_status IS NOT NULL THEN $4::conversation_status
           WHEN ${ANSWERED} AND c.status = 'open' THEN 'pending'::conversation_status
           ELSE c.status END,
         resolved_at = CASE WHEN $4::conversation_status = 'resolved' THEN now() WHEN $4::conversation_status IS NOT NULL THEN NULL ELSE c.resolved_at END,
         snoozed_until = CASE WHEN $4::conversation_status IS NOT NULL THEN NULL ELSE c.snoozed_until END,
         last_message_at = GREATEST(c.last_message_at, $3),
         updated_at = now()
       FROM before
       WHERE c.id = $1
       RETURNING before.first AS "firstResponse"`,
      [conversationId, replyCreatedAt, deliveredAt, statusAfter],
    );
    return { firstResponse: !!row?.firstResponse };
  }
}
