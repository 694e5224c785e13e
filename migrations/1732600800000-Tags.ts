import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tags (issue 11.2) and the conversation view's post context (issue 11.3).
 *
 * - conversation_tags gains when and by whom a tag was put on (created_by NULL with rule_id set:
 *   an auto-tag rule at ingest); the tag-surge alert counts by created_at. Reports keep counting
 *   through the existing triggers (report_tag_hours, by the hour of the conversation's first
 *   message), so no writer carries report code.
 * - tag_rules: auto-tag rules applied at ingest. Every condition set must hold (a phrase matched
 *   on stems, an intent, a sentiment, a source); at least one is required.
 * - post_contexts: the post a comment answers (the community's VK wall post, a Telegram channel
 *   post), fetched once through the connector and kept, so a view never calls the platform again.
 */
export class Tags1732600800000 implements MigrationInterface {
  name = 'Tags1732600800000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tags ADD CONSTRAINT tags_color_check CHECK (color ~ '^#[0-9a-fA-F]{6}$')`);
    await q.query(`CREATE TABLE tag_rules (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tag_id uuid NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
      phrase text CHECK (phrase IS NULL OR length(phrase) BETWEEN 1 AND 200),
      intent text,
      sentiment text,
      source_id uuid REFERENCES sources(id) ON DELETE CASCADE,
      enabled boolean NOT NULL DEFAULT true,
      created_by uuid REFERENCES users(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT tag_rules_condition_check
        CHECK (phrase IS NOT NULL OR intent IS NOT NULL OR sentiment IS NOT NULL OR source_id IS NOT NULL)
    )`);
    await q.query(`CREATE INDEX tag_rules_tag_idx ON tag_rules (tag_id)`);

    await q.query(`ALTER TABLE conversation_tags
      ADD COLUMN created_at timestamptz NOT NULL DEFAULT now(),
      ADD COLUMN created_by uuid REFERENCES users(id) ON DELETE SET NULL,
      ADD COLUMN rule_id uuid REFERENCES tag_rules(id) ON DELETE SET NULL`);
    // the tag filter and a tag's conversations; the surge alert's window
    await q.query(
      `CREATE INDEX IF NOT EXISTS conversation_tags_tag_idx ON conversation_tags (tag_id, conversation_id)`,
    );
    await q.query(
      `CREATE INDEX IF NOT EXISTS conversation_tags_created_idx ON conversation_tags (created_at)`,
    );

    await q.query(`CREATE TABLE post_contexts (
      source_id uuid NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
      external_id text NOT NULL,
      text text NOT NULL,
      posted_at timestamptz,
      url text,
      fetched_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (source_id, external_id)
    )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS post_contexts`);
    await q.query(`DROP INDEX IF EXISTS conversation_tags_created_idx`);
    await q.query(`DROP INDEX IF EXISTS conversation_tags_tag_idx`);
    await q.query(`ALTER TABLE conversation_tags DROP COLUMN IF EXISTS rule_id,
      DROP COLUMN IF EXISTS created_by, DROP COLUMN IF EXISTS created_at`);
    await q.query(`DROP TABLE IF EXISTS tag_rules`);
    await q.query(`ALTER TABLE tags DROP CONSTRAINT IF EXISTS tags_color_check`);
  }
}
