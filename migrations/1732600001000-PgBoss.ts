import { MigrationInterface, QueryRunner } from 'typeorm';
import { dropPgBossSchema, installPgBossSchema } from '../src/jobs/pgboss-schema';

/** The job queue's schema (`pgboss`), created with pg-boss's own SQL; see src/jobs/pgboss-schema.ts. */
export class PgBoss1732600001000 implements MigrationInterface {
  name = 'PgBoss1732600001000';

  public async up(q: QueryRunner): Promise<void> {
    await installPgBossSchema(q);
  }

  public async down(q: QueryRunner): Promise<void> {
    await dropPgBossSchema(q);
  }
}
