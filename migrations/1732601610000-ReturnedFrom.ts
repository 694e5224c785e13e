import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12: an idle or breach return must not hand the conversation straight back to the agent it
 * was taken from. `returned_from` / `returned_at` say who that was and when; the hand-out skips
 * that agent for a while (assignment-rules.ts RETURN_COOLDOWN_MS). No foreign key: users are never
 * deleted, and conversations are ingest's hot path (see HotPathForeignKeys).
 */
export class ReturnedFrom1732601610000 implements MigrationInterface {
  name = 'ReturnedFrom1732601610000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE conversations ADD COLUMN returned_from uuid, ADD COLUMN returned_at timestamptz`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE conversations DROP COLUMN returned_from, DROP COLUMN returned_at`);
  }
}
