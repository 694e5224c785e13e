import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The snooze wake-up job asks every 30 s for snoozed conversations whose time has come. A partial
 * index holds only the snoozed ones (a small set), ordered by wake-up time, so that question reads
 * a few index entries instead of scanning every conversation.
 */
export class SnoozeIndex1732600060000 implements MigrationInterface {
  name = 'SnoozeIndex1732600060000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX conversations_snoozed_idx ON conversations (snoozed_until)
      WHERE status = 'snoozed'`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX conversations_snoozed_idx`);
  }
}
