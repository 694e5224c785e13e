import { Client } from 'pg';
import { createTestDatabase, TestDatabase } from '../support/database';
import { withDatabase } from '../support/urls';
import { JobsRuntime, sleep, startJobsRuntime, waitFor } from './jobs-runtime';

/**
 * PostgreSQL goes away while a job is finishing (what the chaos run's database restart does):
 * pg-boss records the outcome from its worker loop without awaiting it, which used to be an
 * unhandled rejection (the worker process exited). Now it is logged, the job is retried after it
 * expires, and the queue keeps working once the database is back.
 */
describe('jobs while the database is away', () => {
  let db: TestDatabase;
  let admin: Client;
  let rt: JobsRuntime;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => void unhandled.push(reason);

  beforeAll(async () => {
    db = await createTestDatabase();
    admin = new Client({ connectionString: withDatabase(db.url, 'postgres') });
    await admin.connect();
    rt = await startJobsRuntime(db.url);
    process.on('unhandledRejection', onUnhandled);
  });
  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    await setConnections(true).catch(() => undefined);
    await rt?.close();
    await admin?.end();
    await db?.drop();
  });

  /** Refuses new connections to the test database and cuts pg-boss's open ones. */
  async function setConnections(allowed: boolean) {
    await admin.query(`ALTER DATABASE ${db.name} ALLOW_CONNECTIONS ${allowed}`);
    if (!allowed) {
      await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = $1 AND application_name = 'otklik-jobs'`,
        [db.name],
      );
    }
  }

  it.each([
    ['fails', true],
    ['succeeds', false],
  ])(
    'a handler that %s while the database is away: no unhandled rejection, the queue works after',
    async (_, fails) => {
      const queue = `test.away.${fails ? 'fail' : 'ok'}`;
      let ran = 0;
      await rt.queue.work(
        queue,
        async () => {
          ran++;
          if (ran > 1) return; // the retry, once the database is back
          await setConnections(false);
          if (fails) throw new Error('handler failed');
        },
        { pollingIntervalSeconds: 0.5 },
      );
      await rt.queue.enqueue(queue, {}, { expireInSeconds: 2, retryLimit: 2, retryDelaySeconds: 1 });
      await waitFor(async () => ran >= 1);
      // pg-boss's own completion / failure call has run into the closed database by now.
      await waitFor(
        async () => unhandled.length > 0 || rt.logs.some((l) => l.includes('could not record a job outcome')),
        10_000,
      );
      await sleep(300);
      expect(unhandled).toEqual([]);

      await setConnections(true);
      const later = await rt.queue.enqueue(queue, { n: 2 });
      const pg = new Client({ connectionString: db.url });
      await pg.connect();
      try {
        await waitFor(async () => {
          const { rows } = await pg.query(
            `SELECT state FROM pgboss.job WHERE id = $1 UNION ALL SELECT state FROM pgboss.archive WHERE id = $1`,
            [later],
          );
          return rows[0]?.state === 'completed';
        }, 30_000);
      } finally {
        await pg.end();
      }
      expect(unhandled).toEqual([]);
    },
  );
});
