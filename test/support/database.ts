import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { withDatabase } from './urls';

export interface TestDatabase {
  url: string;
  name: string;
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
  const name = `otklik_t_${template.replace('otklik_tpl_', '')}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(server, name),
    name,
    drop: async () => {
      const c = new Client({ connectionString: server });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** An empty database (no migrations), for the migration tests. */
export async function createEmptyDatabase(): Promise<TestDatabase> {
  const server = process.env.OTKLIK_TEST_SERVER_URL!;
  const name = `otklik_t_${process.env.OTKLIK_TEST_TEMPLATE!.replace('otklik_tpl_', '')}_e${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    url: withDatabase(server, name),
    name,
    drop: async () => {
      const c = new Client({ connectionString: server });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
