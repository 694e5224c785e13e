import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { databaseOptions } from '../../src/database/database.options';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { withDatabase } from '../../test/support/urls';

export interface BenchDb {
  url: string;
  ds: DataSource;
  drop(): Promise<void>;
}

/** A fresh migrated database on DATABASE_URL's server (else an embedded one), dropped afterwards. */
export async function createBenchDb(poolSize = 10): Promise<BenchDb> {
  let server = process.env.DATABASE_URL;
  const embedded = server ? undefined : await startEmbeddedPostgres('./.data/bench');
  server ??= embedded!.url;
  const name = `otklik_bench_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = withDatabase(server, name);
  const ds = new DataSource(databaseOptions(url, poolSize));
  await ds.initialize();
  await ds.runMigrations();
  return {
    url,
    ds,
    drop: async () => {
      await ds.destroy();
      const c = new Client({ connectionString: server });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
      await embedded?.stop();
    },
  };
}
