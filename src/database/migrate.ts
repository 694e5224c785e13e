import { DataSource } from 'typeorm';
import { databaseOptions } from './database.options';

/** Any 64-bit constant shared by all Otklik instances. */
const MIGRATION_LOCK = 7_301_011_001;

/**
 * Runs pending migrations before the app starts, under a PostgreSQL advisory lock, so several
 * instances starting at once migrate exactly once and none serves an old schema.
 */
export async function runMigrations(url: string): Promise<string[]> {
  const ds = new DataSource({ ...databaseOptions(url, 2), logging: false });
  await ds.initialize();
  const runner = ds.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      const ran = await ds.runMigrations({ transaction: 'each' });
      return ran.map((m) => m.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    await runner.release();
    await ds.destroy();
  }
}
