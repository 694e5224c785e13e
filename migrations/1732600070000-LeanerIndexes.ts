import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes that every new item and conversation pays for, trimmed to what queries use:
 * - assignment and team lookups only ever ask for a given agent or team, and most conversations
 *   arrive unassigned: partial indexes skip those rows;
 * - the customer's other conversations are listed newest first: (customer_id, last_message_at)
 *   serves that query alone, so the global last-message index goes;
 * - items by time across all sources had no query; per-source time ranges keep their index.
 * Measured with `npm run bench:catchup` (bench/README.md).
 */
export class LeanerIndexes1732600070000 implements MigrationInterface {
  name = 'LeanerIndexes1732600070000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX conversations_assignee_idx`);
    await q.query(`CREATE INDEX conversations_assignee_idx ON conversations (assignee_id, status)
      WHERE assignee_id IS NOT NULL`);
    await q.query(`DROP INDEX conversations_team_idx`);
    await q.query(
      `CREATE INDEX conversations_team_idx ON conversations (team_id, status) WHERE team_id IS NOT NULL`,
    );
    await q.query(`DROP INDEX conversations_customer_idx`);
    await q.query(`DROP INDEX conversations_last_message_idx`);
    await q.query(
      `CREATE INDEX conversations_customer_idx ON conversations (customer_id, last_message_at DESC)`,
    );
    await q.query(`DROP INDEX items_created_idx`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX items_created_idx ON items (created_at_platform)`);
    await q.query(`DROP INDEX conversations_customer_idx`);
    await q.query(`CREATE INDEX conversations_customer_idx ON conversations (customer_id)`);
    await q.query(`CREATE INDEX conversations_last_message_idx ON conversations (last_message_at DESC)`);
    await q.query(`DROP INDEX conversations_team_idx`);
    await q.query(`CREATE INDEX conversations_team_idx ON conversations (team_id, status)`);
    await q.query(`DROP INDEX conversations_assignee_idx`);
    await q.query(`CREATE INDEX conversations_assignee_idx ON conversations (assignee_id, status)`);
  }
}
