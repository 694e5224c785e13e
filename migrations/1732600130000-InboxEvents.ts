import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the live inbox streams to browsers (src/inbox/inbox-events.ts): one row per change, written
 * in the change's transaction; NOTIFY `inbox` carries the new ids. Rows are kept for a day so a
 * browser that lost its stream resumes from its Last-Event-ID, then pruned (they hold ids and
 * counts, never customer text). `at` is the insert time (clock_timestamp), not the transaction's
 * start, so the resume window can be reasoned about in seconds.
 */
export class InboxEvents1732600130000 implements MigrationInterface {
  name = 'InboxEvents1732600130000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE inbox_events (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT clock_timestamp(),
      type text NOT NULL,
      conversation_ids uuid[] NOT NULL DEFAULT '{}',
      data jsonb NOT NULL DEFAULT '{}'
    )`);
    await q.query(`CREATE INDEX inbox_events_at_idx ON inbox_events (at)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE inbox_events`);
  }
}
