import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SessionUser } from '../../users/user.types';
import { AnalysisCorrectionsService, finalLabels } from '../analysis-corrections.service';
import { AnalysisReviewRepository } from './analysis-review.repository';
import { ReviewItemDto, ReviewQueueQuery } from './review.dto';

/**
 * Asking for the labels that teach most: the queue of items the model flagged (low intent
 * confidence, sentiment and intent in disagreement, an escalated deadline), one call to confirm or
 * correct each, and the weekly report of corrections and of the model's accuracy on reviewed items.
 */
@Injectable()
export class AnalysisReviewService {
  constructor(
    private readonly db: DataSource,
    private readonly repo: AnalysisReviewRepository,
    private readonly corrections: AnalysisCorrectionsService,
  ) {}

  async queue(q: ReviewQueueQuery) {
    const limit = q.limit ?? 50;
    const [rows, waiting] = await Promise.all([
      this.repo.queue(q.reason, q.before, limit + 1),
      this.repo.waiting(q.reason),
    ]);
    const items = rows.slice(0, limit);
    return { items, next: rows.length > limit ? items[items.length - 1].id : null, waiting };
  }

  /** Labels left out, or equal to the model's, confirm; others correct (and feed the retrain). */
  async review(itemId: string, dto: ReviewItemDto, user: SessionUser) {
    return this.db.transaction(async (tx) => {
      const item = await this.repo.lockItem(tx, itemId);
      if (!item) throw new NotFoundException('item not found');
      const corrections = await this.corrections.applyIn(tx, itemId, item, dto, user);
      const final = finalLabels(item, dto);
      const outcome = corrections.length ? 'corrected' : 'confirmed';
      await this.repo.record(tx, itemId, user.id, outcome, item, final);
      return { itemId, outcome, ...final, corrections: corrections.length };
    });
  }

  async report(weeks = 12) {
    const [w, byModel] = await Promise.all([this.repo.weeks(weeks), this.repo.byModel(weeks)]);
    return { weeks: w, byModel };
  }
}
