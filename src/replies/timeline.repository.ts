import { Injectable } from '@nestjs/common';
import { Queryable, sqlOne } from '../database/sql';

/**
 * A delivered reply joins the timeline as an outbound item. (What it does to the conversation,
 * first response and the SLA clock, is the conversation lifecycle's: see recordAnswer.)
 */
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
           || CASE WHEN r.auto_ack THEN '{"autoAck": true}'::jsonb ELSE '{}'::jsonb END
       FROM replies r JOIN sources s ON s.id = r.source_id
       LEFT JOIN items t ON t.id = r.in_reply_to_item_id
       WHERE r.id = $1
       ON CONFLICT (source_id, external_id) DO UPDATE
         SET conversation_id = COALESCE(items.conversation_id, EXCLUDED.conversation_id),
             direction = 'outbound',
             -- an echo stored first still learns it was an acknowledgement (reports skip those)
             raw = CASE WHEN EXCLUDED.raw ? 'autoAck' THEN COALESCE(items.raw, '{}'::jsonb) || '{"autoAck": true}'::jsonb
                        ELSE items.raw END
       RETURNING id::text AS id`,
      [replyId, externalId, deliveredAt],
    );
    return row!.id;
  }
}
