import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Queryable, sqlOne, sqlRows } from '../../database/sql';

export interface ReviewedItem {
  sentiment: string | null;
  intent: string | null;
  conversationId: string | null;
  reviewReason: string | null;
  modelVersion: string | null;
  /** what the model said before anyone corrected the item */
  modelSentiment: string | null;
  modelIntent: string | null;
}

export interface AnalysisCorrectionRow {
  id: string;
  field: 'sentiment' | 'intent';
  oldValue: string | null;
  newValue: string;
  userId: string;
  createdAt: Date;
}

/** SQL of analysis corrections, the review queue, the review records and the weekly report. */
@Injectable()
export class AnalysisReviewRepository {
  constructor(private readonly db: DataSource) {}

  /** Locks the item for the rest of the transaction. */
  lockItem(tx: Queryable, itemId: string): Promise<ReviewedItem | undefined> {
    return sqlOne<ReviewedItem>(
      tx,
      `SELECT i.sentiment_label AS sentiment, i.intent, i.conversation_id AS "conversationId",
              i.review_reason AS "reviewReason", i.model_version AS "modelVersion",
              COALESCE((SELECT c.old_value FROM analysis_corrections c WHERE c.item_id = i.id AND c.field = 'sentiment'
                         ORDER BY c.created_at, c.id LIMIT 1), i.sentiment_label) AS "modelSentiment",
              COALESCE((SELECT c.old_value FROM analysis_corrections c WHERE c.item_id = i.id AND c.field = 'intent'
                         ORDER BY c.created_at, c.id LIMIT 1), i.intent) AS "modelIntent"
         FROM items i WHERE i.id = $1 FOR UPDATE`,
      [itemId],
    );
  }

  /** One corrected label, with who and when (what the retrain learns from). */
  addCorrection(
    tx: Queryable,
    itemId: string,
    userId: string,
    c: { field: 'sentiment' | 'intent'; oldValue: string | null; newValue: string },
  ): Promise<AnalysisCorrectionRow> {
    return sqlOne<AnalysisCorrectionRow>(
      tx,
      `INSERT INTO analysis_corrections (item_id, field, old_value, new_value, user_id)
       VALUES ($1, $2, $3, $4, $5)
       RETURNING id, field, old_value AS "oldValue", new_value AS "newValue",
         user_id AS "userId", created_at AS "createdAt"`,
      [itemId, c.field, c.oldValue, c.newValue, userId],
    ).then((row) => row!);
  }

  /** The item's labels as corrected (a label left out stays). */
  async setItemLabels(tx: Queryable, itemId: string, labels: { sentiment?: string; intent?: string }) {
    await tx.query(
      `UPDATE items SET sentiment_label = COALESCE($2, sentiment_label), intent = COALESCE($3, intent)
       WHERE id = $1`,
      [itemId, labels.sentiment ?? null, labels.intent ?? null],
    );
  }

  /** The conversation's newest customer item (whose labels the conversation mirrors). */
  async newestCustomerItemId(tx: Queryable, conversationId: string): Promise<string | undefined> {
    const row = await sqlOne<{ id: string }>(
      tx,
      `SELECT id::text FROM items WHERE conversation_id = $1 AND direction = 'inbound'
       ORDER BY created_at_platform DESC, id DESC LIMIT 1`,
      [conversationId],
    );
    return row?.id;
  }

  async record(
    tx: Queryable,
    itemId: string,
    userId: string,
    outcome: 'confirmed' | 'corrected',
    item: ReviewedItem,
    final: { sentiment: string; intent: string },
  ): Promise<void> {
    await tx.query(
      `INSERT INTO analysis_reviews (item_id, user_id, outcome, review_reason, model_version, model_sentiment,
                                     model_intent, sentiment, intent)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [itemId, userId, outcome, item.reviewReason, item.modelVersion, item.modelSentiment, item.modelIntent, final.sentiment, final.intent], // prettier-ignore
    );
    await tx.query(`UPDATE items SET reviewed_at = now() WHERE id = $1`, [itemId]);
  }

  /** Flagged items nobody has reviewed, newest first (the partial index items_review_queue_idx). */
  queue(reason: string | undefined, before: string | undefined, limit: number) {
    return sqlRows(
      this.db,
      `SELECT i.id::text AS id, i.conversation_id AS "conversationId", i.platform, i.text, i.language,
              i.sentiment_label AS "sentimentLabel", i.intent, i.intent_confidence AS "intentConfidence",
              i.review_reason AS "reviewReason", i.analysis_why AS why, i.model_version AS "modelVersion",
              i.received_at AS "receivedAt"
         FROM items i
        WHERE i.review_reason IS NOT NULL AND i.reviewed_at IS NULL
          AND ($1::text IS NULL OR i.review_reason = $1)
          AND ($2::bigint IS NULL OR (i.received_at, i.id) < (SELECT received_at, id FROM items WHERE id = $2))
        ORDER BY i.received_at DESC, i.id DESC
        LIMIT $3`,
      [reason ?? null, before ?? null, limit],
    );
  }

  async waiting(reason: string | undefined): Promise<number> {
    const r = await sqlOne<{ n: string }>(
      this.db,
      `SELECT count(*) AS n FROM items
        WHERE review_reason IS NOT NULL AND reviewed_at IS NULL AND ($1::text IS NULL OR review_reason = $1)`,
      [reason ?? null],
    );
    return Number(r?.n ?? 0);
  }

  /** Per week (Mondays, UTC): flagged items, reviews, corrections, and the model's accuracy on reviewed items. */
  weeks(weeks: number) {
    return sqlRows(
      this.db,
      `WITH w AS (
         SELECT generate_series(date_trunc('week', now() AT TIME ZONE 'UTC') - ($1::int - 1) * interval '1 week',
                                date_trunc('week', now() AT TIME ZONE 'UTC'), interval '1 week') AS week
       ), r AS (
         SELECT date_trunc('week', created_at AT TIME ZONE 'UTC') AS week, count(*) AS reviews,
                count(*) FILTER (WHERE outcome = 'confirmed') AS confirmed,
                count(*) FILTER (WHERE outcome = 'corrected') AS corrected,
                avg((model_sentiment IS NOT DISTINCT FROM sentiment)::int) AS sacc,
                avg((model_intent IS NOT DISTINCT FROM intent)::int) AS iacc
           FROM analysis_reviews
          WHERE created_at >= (SELECT min(week) FROM w) AT TIME ZONE 'UTC'
          GROUP BY 1
       ), c AS (
         SELECT date_trunc('week', created_at AT TIME ZONE 'UTC') AS week, count(*) AS corrections
           FROM analysis_corrections WHERE created_at >= (SELECT min(week) FROM w) AT TIME ZONE 'UTC' GROUP BY 1
       ), f AS (
         SELECT date_trunc('week', received_at AT TIME ZONE 'UTC') AS week, count(*) AS flagged
           FROM items WHERE review_reason IS NOT NULL AND received_at >= (SELECT min(week) FROM w) AT TIME ZONE 'UTC'
          GROUP BY 1
       )
       SELECT to_char(w.week, 'YYYY-MM-DD') AS week, COALESCE(f.flagged, 0)::int AS flagged,
              COALESCE(r.reviews, 0)::int AS reviews, COALESCE(r.confirmed, 0)::int AS confirmed,
              COALESCE(r.corrected, 0)::int AS corrected, COALESCE(c.corrections, 0)::int AS corrections,
              round(r.sacc, 4)::float8 AS "sentimentAccuracy", round(r.iacc, 4)::float8 AS "intentAccuracy"
         FROM w LEFT JOIN r USING (week) LEFT JOIN c USING (week) LEFT JOIN f USING (week)
        ORDER BY w.week`,
      [weeks],
    );
  }

  byModel(weeks: number) {
    return sqlRows(
      this.db,
      `SELECT model_version AS "modelVersion", count(*)::int AS reviews,
              round(avg((model_sentiment IS NOT DISTINCT FROM sentiment)::int), 4)::float8 AS "sentimentAccuracy",
              round(avg((model_intent IS NOT DISTINCT FROM intent)::int), 4)::float8 AS "intentAccuracy"
         FROM analysis_reviews
        WHERE created_at >= date_trunc('week', now()) - ($1::int - 1) * interval '1 week'
        GROUP BY model_version ORDER BY min(created_at)`,
      [weeks],
    );
  }
}
