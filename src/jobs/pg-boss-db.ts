import { Logger } from '@nestjs/common';
import { Pool } from 'pg';
import type PgBoss from 'pg-boss';

/**
 * pg-boss 10 settles each fetched batch from its worker loop without awaiting or catching:
 * `this.complete(...)` / `this.fail(...)` in Manager.watch's onFetch (node_modules/pg-boss/src/
 * manager.js). When PostgreSQL is away at that moment (a restart, a failover) the rejection is
 * unhandled and the process exits (the chaos run found it; timgit/pg-boss#365). These are the two
 * statements whose text this adapter recognises.
 */
interface Plans {
  completeJobs(schema: string): string;
  failJobsById(schema: string): string;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const plans: Plans = require('pg-boss/src/plans');

export interface PgBossDatabase {
  /** pg-boss's own connection: its unawaited completions never reject (they log instead). */
  db: PgBoss.Db;
  /** For completions we await ourselves: every error reaches the caller. */
  strict: PgBoss.Db;
  close(): Promise<void>;
}

/**
 * pg-boss's connection pool (what its own Db class does: one pg Pool, `pool.query`), with that
 * gap closed. A completion pg-boss issues by itself that fails is logged, and the job stays
 * active until it expires and is retried — handlers are idempotent (replies are claimed), so a
 * retry after a lost completion does nothing twice.
 */
export function pgBossDatabase(url: string, schema: string, log: Logger): PgBossDatabase {
  const pool = new Pool({ connectionString: url, max: 4, application_name: 'otklik-jobs' });
  // An idle connection cut by the server (a restart) is dropped by the pool and reopened on use.
  pool.on('error', (err) => log.warn({ err }, 'a pg-boss connection was lost; it is reopened on next use'));
  const settling = new Set([plans.completeJobs(schema), plans.failJobsById(schema)]);
  const strict: PgBoss.Db = { executeSql: (text, values) => pool.query(text, values) };
  let closed: Promise<void> | undefined;
  return {
    strict,
    db: {
      async executeSql(text, values) {
        try {
          return await strict.executeSql(text, values);
        } catch (err) {
          if (!settling.has(text)) throw err;
          log.warn(
            { err, queue: values?.[0], jobIds: values?.[1] },
            'could not record a job outcome (database away?); the job is retried after it expires',
          );
          return { rows: [{ count: 0 }] };
        }
      },
    },
    // Idempotent: an app may be closed twice (a test's stop after a failed start, say).
    close: () => (closed ??= pool.end()),
  };
}
