import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15. Platforms with a daily API quota (YouTube: 10,000 units, reset at midnight Pacific
 * time) count what each source spends: the platform's quota day and the units spent on it. Every
 * process adds to the same row (`quota_used + n` in one statement), so workers never overspend
 * by each keeping a count of their own; the source's health shows what is left.
 */
export class SourceQuota1732600410000 implements MigrationInterface {
  name = 'SourceQuota1732600410000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sources
      ADD COLUMN quota_day date,
      ADD COLUMN quota_used integer NOT NULL DEFAULT 0 CHECK (quota_used >= 0)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sources DROP COLUMN quota_used, DROP COLUMN quota_day`);
  }
}
