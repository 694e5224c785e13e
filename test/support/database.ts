import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { withDatabase } from './urls';

export interface TestDatabase {
  url: string;
  name: string;
  /**
   * Done with it: names any connection still open to it (a leak). The database itself is dropped
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
    drop: () => reportLeaks(server, name),
  };
}

/**
 * Connections a file left open are named, not killed: terminating them made any idle client
 * without an 'error' listener crash the file's worker (57P01) after its tests had passed. The
 * global teardown drops the database WITH (FORCE) once every worker has exited.
 */
async function reportLeaks(server: string, name: string): Promise<void> {
  const admin = new Client({ connectionString: server });
  await admin.connect();
  try {
    // A client's end() resolves as its socket closes; the backend may take a moment to go.
    for (let i = 0; i < 20; i++) {
      const { rows } = await admin.query(
        `SELECT coalesce(nullif(application_name, ''), '(unnamed)') AS app, state FROM pg_stat_activity
          WHERE datname = $1 AND pid <> pg_backend_pid()`,
        [name],
      );
      if (rows.length === 0) return;
      if (i === 19) {
        const list = rows.map((r) => `${r.app} (${r.state})`).join(', ');
        console.warn(
          `test database ${name}: ${rows.length} connection(s) still open after the file: ${list}`,
        );
      } else await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await admin.end();
  }
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
