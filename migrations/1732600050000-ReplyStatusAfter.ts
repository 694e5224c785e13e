import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The conversation status the agent chose for after the reply is delivered (default: pending,
 * waiting on the customer). Applied by the delivery worker together with the first response.
 */
export class ReplyStatusAfter1732600050000 implements MigrationInterface {
  name = 'ReplyStatusAfter1732600050000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE replies ADD COLUMN status_after conversation_status`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE replies DROP COLUMN status_after`);
  }
}
