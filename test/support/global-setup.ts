import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { databaseOptions } from '../../src/database/database.options';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { withDatabase } from './urls';
import { ensureWebBuilt } from './web-build';

/**
 * Once per Jest run: find PostgreSQL (DATABASE_URL, else the embedded server), build a migrated
 * template database, and tell the workers its name. Each test file clones it (see database.ts).
 * Builds the web app first when web/dist is missing or stale.
 */
export default async function globalSetup() {
  ensureWebBuilt(); // the app serves web/dist, as `npm start` does
  let url = process.env.DATABASE_URL;
  if (!url) {
    const db = await startEmbeddedPostgres(process.env.OTKLIK_TEST_DATA_DIR ?? './.data/test');
    (globalThis as any).__OTKLIK_EMBEDDED__ = db;
    url = db.url;
  }
  const template = `otklik_tpl_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();
  const ds = new DataSource(databaseOptions(withDatabase(url, template), 2));
  await ds.initialize();
  await ds.runMigrations();
  await ds.destroy();
  process.env.OTKLIK_TEST_SERVER_URL = url;
  process.env.OTKLIK_TEST_TEMPLATE = template;
}
