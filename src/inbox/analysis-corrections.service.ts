import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { DataSource } from 'typeorm';
import { SessionUser } from '../auth/auth.decorators';
import { CorrectAnalysisDto } from './dto/inbox.dto';
import { publishInboxEvents } from './inbox-events';
import { Queryable, sqlOne, sqlRows } from './sql';

/**
 * An agent's correction of an item's sentiment or intent: the item is updated and the
 * correction kept with who and when in analysis_corrections (`npm run train` learns from it).
 */
@Injectable()
export class AnalysisCorrectionsService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async correct(itemId: string, dto: CorrectAnalysisDto, user: SessionUser) {
    if (dto.sentiment === undefined && dto.intent === undefined) {
      throw new BadRequestException('give sentiment and/or intent');
    }
    return this.db.transaction(async (tx) => {
      const item = await sqlOne<{
        sentiment: string | null;
        intent: string | null;
        conversationId: string | null;
      }>(
        tx,
        `SELECT sentiment_label AS sentiment, intent, conversation_id AS "conversationId"
         FROM items WHERE id = $1 FOR UPDATE`,
        [itemId],
      );
      if (!item) throw new NotFoundException('item not found');
      const changes = (['sentiment', 'intent'] as const)
        .filter((f) => dto[f] !== undefined && dto[f] !== item[f])
        .map((field) => ({ field, oldValue: item[field], newValue: dto[field]! }));
      const corrections = [];
      for (const c of changes) {
        corrections.push(
          await sqlOne(
            tx,
            `INSERT INTO analysis_corrections (item_id, field, old_value, new_value, user_id)
             VALUES ($1, $2, $3, $4, $5)
             RETURNING id, field, old_value AS "oldValue", new_value AS "newValue",
               user_id AS "userId", created_at AS "createdAt"`,
            [itemId, c.field, c.oldValue, c.newValue, user.id],
          ),
        );
      }
      if (changes.length) {
        await tx.query(
          `UPDATE items SET sentiment_label = COALESCE($2, sentiment_label), intent = COALESCE($3, intent)
           WHERE id = $1`,
          [itemId, dto.sentiment ?? null, dto.intent ?? null],
        );
        await this.followLatestItem(tx, item.conversationId, itemId, dto);
        await this.audit.record(user.id, 'item.analysis_corrected', 'item', itemId, { changes }, tx);
        if (item.conversationId)
          await publishInboxEvents(tx, [
            { type: 'item.corrected', conversationIds: [item.conversationId], data: { itemId } },
          ]);
      }
      return {
        itemId,
        sentiment: dto.sentiment ?? item.sentiment,
        intent: dto.intent ?? item.intent,
        corrections,
      };
    });
  }

  /** The queue filters by the conversation's intent, which mirrors its newest customer item. */
  private async followLatestItem(
    tx: Queryable,
    conversationId: string | null,
    itemId: string,
    dto: CorrectAnalysisDto,
  ) {
    if (!conversationId) return;
    const latest = await sqlRows(
      tx,
      `SELECT id::text FROM items WHERE conversation_id = $1 AND direction = 'inbound'
       ORDER BY created_at_platform DESC, id DESC LIMIT 1`,
      [conversationId],
    );
    if (latest[0]?.id !== itemId) return;
    await tx.query(
      `UPDATE conversations SET intent = COALESCE($2, intent), sentiment_label = COALESCE($3, sentiment_label),
         updated_at = now() WHERE id = $1`,
      [conversationId, dto.intent ?? null, dto.sentiment ?? null],
    );
  }
}
