/**
 * The chaos run's PostgreSQL: its own embedded server (restarted for real: stopped, then started
 * again on the same port and data folder), or, with a server URL, a dedicated database on it,
 * where a "restart" terminates every backend of that database (a shared server is not ours to stop).
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { freePort, startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/database/embedded-postgres';
import { runMigrations } from '../../src/database/migrate';
import { withDatabase } from '../../test/support/urls';

export interface ChaosDatabase {
  /** The run's database (fresh, migrated). */
  url: string;
  /** What `restart()` does: a real stop/start, or terminating the database's backends. */
  restartKind: 'embedded-stop-start' | 'terminate-backends';
  /** Restarts (or simulates it); resolves when the server accepts connections again. */
  restart(downMs: number): Promise<{ downMs: number; terminated?: number }>;
  /** Drops the run's database (unless kept) and stops an embedded server. */
  close(keep?: boolean): Promise<void>;
}

export async function openChaosDatabase(opts: {
  /** A server to create the run's database on; undefined: embedded PostgreSQL in `dataDir`. */
  serverUrl?: string;
  dataDir: string;
}): Promise<ChaosDatabase> {
  const name = `otklik_chaos_${randomBytes(4).toString('hex')}`;
  if (opts.serverUrl) {
    const server = opts.serverUrl;
    await onServer(server, `CREATE DATABASE ${name}`);
    const url = withDatabase(server, name);
    await runMigrations(url);
    return {
      url,
      restartKind: 'terminate-backends',
      async restart(downMs) {
        const started = Date.now();
        // Twice, a moment apart: processes that reconnect at once lose the new connections too,
        // which is as close to "the server was away for a while" as a shared server allows.
        let terminated = 0;
        for (const at = Date.now(); ;) {
          terminated += await terminateBackends(server, name);
          if (Date.now() - at >= downMs) break;
          await sleep(Math.min(250, downMs));
        }
        return { downMs: Date.now() - started, terminated };
      },
      async close(keep) {
        if (!keep) await onServer(server, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      },
    };
  }

  const port = await freePort();
  let embedded: EmbeddedDatabase | undefined = await startEmbeddedPostgres(opts.dataDir, undefined, { port });
  const server = withDatabase(embedded.url, 'postgres');
  await onServer(server, `CREATE DATABASE ${name}`);
  const url = withDatabase(server, name);
  await runMigrations(url);
  return {
    url,
    restartKind: 'embedded-stop-start',
    async restart(downMs) {
      const started = Date.now();
      await embedded?.stop(); // SIGINT: PostgreSQL's fast shutdown, every session is cut
      embedded = undefined;
      await sleep(downMs);
      embedded = await startEmbeddedPostgres(opts.dataDir, undefined, { port });
      return { downMs: Date.now() - started };
    },
    async close(keep) {
      try {
        if (!keep) await onServer(server, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await embedded?.stop();
      }
    },
  };
}

async function terminateBackends(server: string, database: string): Promise<number> {
  const c = new Client({ connectionString: server });
  await c.connect();
  try {
    const r = await c.query(
      `SELECT count(*)::int AS n FROM (
         SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = $1 AND pid <> pg_backend_pid()) t`,
      [database],
    );
    return r.rows[0].n;
  } finally {
    await c.end();
  }
}

async function onServer(server: string, sql: string): Promise<void> {
  const c = new Client({ connectionString: server });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
