import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The lead flag (issues 12–14): a care lead is told about breaches in their team, reads the
 * reports and the alerts. A flag, not a role: a lead still answers customers as an agent.
 */
export class UserLeadFlag1732601600000 implements MigrationInterface {
  name = 'UserLeadFlag1732601600000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN is_lead boolean NOT NULL DEFAULT false`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP COLUMN is_lead`);
  }
}
