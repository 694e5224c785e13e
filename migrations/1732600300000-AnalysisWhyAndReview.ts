import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16. Every analysis keeps the few features that decided it (`items.analysis_why`, written by
 * ingest with the labels), and items the model was unsure of are flagged for review
 * (`review_reason`, cleared by nobody: `reviewed_at` says a person answered). Each confirm or
 * correct is one `analysis_reviews` row with what the model said and what the person decided,
 * so accuracy on reviewed items can be reported per week and per model version.
 */
export class AnalysisWhyAndReview1732600300000 implements MigrationInterface {
  name = 'AnalysisWhyAndReview1732600300000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE items
      ADD COLUMN analysis_why jsonb,
      ADD COLUMN review_reason text CHECK (review_reason IN ('low_intent_confidence', 'sentiment_intent_disagree', 'deadline_escalated')),
      ADD COLUMN reviewed_at timestamptz`);
    // the review queue: flagged items nobody has answered yet, newest first (a small set)
    await q.query(`CREATE INDEX items_review_queue_idx ON items (received_at DESC, id DESC)
      WHERE review_reason IS NOT NULL AND reviewed_at IS NULL`);
    await q.query(`CREATE TABLE analysis_reviews (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      item_id bigint NOT NULL REFERENCES items(id) ON DELETE RESTRICT,
      user_id uuid REFERENCES users(id) ON DELETE SET NULL,
      outcome text NOT NULL CHECK (outcome IN ('confirmed', 'corrected')),
      review_reason text,
      model_version text,
      model_sentiment text,
      model_intent text,
      sentiment text NOT NULL,
      intent text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX analysis_reviews_created_idx ON analysis_reviews (created_at)`);
    await q.query(`CREATE INDEX analysis_reviews_item_idx ON analysis_reviews (item_id)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE analysis_reviews`);
    await q.query(`DROP INDEX items_review_queue_idx`);
    await q.query(
      `ALTER TABLE items DROP COLUMN reviewed_at, DROP COLUMN review_reason, DROP COLUMN analysis_why`,
    );
  }
}
