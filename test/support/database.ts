import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { withDatabase } from './urls';

export interface TestDatabase {
  url: string;
  name: string;
  /**
   * Done with it: closes whatever connections are still open to it. The database itself is dropped
   * by the global teardown with every other clone of the run, because on PostgreSQL 15 each
   * DROP DATABASE waits for an immediate checkpoint of the whole server: one per test file cost
   * 0.2–8 s each while other files were writing.
   */
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file, cloned from the run's template, so files run
 * in parallel and never see each other's rows.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const server = process.env.OTKLIK_TEST_SERVER_URL;
  const template = process.env.OTKLIK_TEST_TEMPLATE;
  if (!server || !template) throw new Error('integration tests need the Jest global setup (npm test)');
  return createDatabase(server, `${template.replace('otklik_tpl_', '')}_`, `TEMPLATE ${template}`);
}

/** An empty database (no migrations), for the migration tests. */
export async function createEmptyDatabase(): Promise<TestDatabase> {
  const server = process.env.OTKLIK_TEST_SERVER_URL!;
  return createDatabase(server, `${process.env.OTKLIK_TEST_TEMPLATE!.replace('otklik_tpl_', '')}_e`, '');
}

async function createDatabase(server: string, prefix: string, options: string): Promise<TestDatabase> {
  const name = `otklik_t_${prefix}${randomBytes(4).toString('hex')}`;
  await onServer(server, `CREATE DATABASE ${name} ${options}`);
  return {
    url: withDatabase(server, name),
    name,
    drop: () =>
      onServer(
        server,
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}' AND pid <> pg_backend_pid()`,
      ),
  };
}

/** One statement on the server's maintenance connection. */
async function onServer(server: string, sql: string): Promise<void> {
  const admin = new Client({ connectionString: server });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}
