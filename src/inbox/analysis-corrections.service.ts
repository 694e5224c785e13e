import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { DataSource, EntityManager } from 'typeorm';
import type { SessionUser } from '../users/user.types';
import { ConversationsRepository } from '../conversations/conversations.repository';
import { CorrectAnalysisDto } from './dto/inbox.dto';
import { publishInboxEvents } from './inbox-events';
import { Queryable } from '../database/sql';
import { AnalysisCorrectionRow, AnalysisReviewRepository } from './review/analysis-review.repository';

/**
 * An agent's correction of an item's sentiment or intent: the item is updated and the
 * correction kept with who and when in analysis_corrections (`npm run train` learns from it).
 */
@Injectable()
export class AnalysisCorrectionsService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly reviews: AnalysisReviewRepository,
    private readonly conversations: ConversationsRepository,
  ) {}

  /** PATCH /api/items/:id/analysis: corrects what differs; a change counts as a review of the item. */
  async correct(itemId: string, dto: CorrectAnalysisDto, user: SessionUser) {
    if (dto.sentiment === undefined && dto.intent === undefined) {
      throw new BadRequestException('give sentiment and/or intent');
    }
    return this.db.transaction(async (tx) => {
      const item = await this.reviews.lockItem(tx, itemId);
      if (!item) throw new NotFoundException('item not found');
      const corrections = await this.applyIn(tx, itemId, item, dto, user);
      if (corrections.length)
        await this.reviews.record(tx, itemId, user.id, 'corrected', item, finalLabels(item, dto));
      return {
        itemId,
        sentiment: dto.sentiment ?? item.sentiment,
        intent: dto.intent ?? item.intent,
        corrections,
      };
    });
  }

  /**
   * Inside the caller's transaction, with the item locked: records a correction per label that
   * differs (analysis_corrections, which the retrain reads), updates the item and, when it is the
   * conversation's newest customer item, the conversation.
   */
  async applyIn(
    tx: EntityManager,
    itemId: string,
    item: { sentiment: string | null; intent: string | null; conversationId: string | null },
    dto: CorrectAnalysisDto,
    user: SessionUser,
  ) {
    const changes = (['sentiment', 'intent'] as const)
      .filter((f) => dto[f] !== undefined && dto[f] !== item[f])
      .map((field) => ({ field, oldValue: item[field], newValue: dto[field]! }));
    const corrections: AnalysisCorrectionRow[] = [];
    for (const c of changes) corrections.push(await this.reviews.addCorrection(tx, itemId, user.id, c));
    if (changes.length) {
      await this.reviews.setItemLabels(tx, itemId, { sentiment: dto.sentiment, intent: dto.intent });
      await this.followLatestItem(tx, item.conversationId, itemId, dto);
      await this.audit.record(user.id, 'item.analysis_corrected', 'item', itemId, { changes }, tx);
      if (item.conversationId)
        await publishInboxEvents(tx, [
          { type: 'item.corrected', conversationIds: [item.conversationId], data: { itemId } },
        ]);
    }
    return corrections;
  }

  /** The queue filters by the conversation's intent, which mirrors its newest customer item. */
  private async followLatestItem(
    tx: Queryable,
    conversationId: string | null,
    itemId: string,
    dto: CorrectAnalysisDto,
  ) {
    if (!conversationId) return;
    if ((await this.reviews.newestCustomerItemId(tx, conversationId)) !== itemId) return;
    await this.conversations.setLabels(tx, conversationId, { intent: dto.intent, sentiment: dto.sentiment });
  }
}

/** The labels an item has after a review: the person's where given, else what it had. */
export function finalLabels(
  item: { sentiment: string | null; intent: string | null },
  dto: { sentiment?: string; intent?: string },
): { sentiment: string; intent: string } {
  return {
    sentiment: dto.sentiment ?? item.sentiment ?? 'neutral',
    intent: dto.intent ?? item.intent ?? 'other',
  };
}
