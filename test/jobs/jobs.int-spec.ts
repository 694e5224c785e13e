import { Client } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { createTestDatabase, TestDatabase } from '../support/database';
import { JobsRuntime, sleep, startJobsRuntime, waitFor } from './jobs-runtime';

/** pg-boss on a real, migrated database: retries, dead letters, singleton keys, schedules, graceful stop. */
describe('jobs (pg-boss)', () => {
  let db: TestDatabase;
  let pg: Client;
  let a: JobsRuntime;
  let b: JobsRuntime;

  beforeAll(async () => {
    db = await createTestDatabase();
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    [a, b] = await Promise.all([startJobsRuntime(db.url), startJobsRuntime(db.url)]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await pg?.end();
    await db?.drop();
  });

  const jobs = async (name: string) =>
    (
      await pg.query(
        `SELECT id, state, data, singleton_key FROM pgboss.job WHERE name = $1
         UNION ALL SELECT id, state, data, singleton_key FROM pgboss.archive WHERE name = $1`,
        [name],
      )
    ).rows;
  const metric = async (rt: JobsRuntime, line: string) => {
    const text = await rt.metrics.render();
    const found = text.split('\n').find((l) => l.startsWith(line));
    return found ? Number(found.split(' ').pop()) : 0;
  };

  it('retries a failing job with growing delays, then dead-letters it (logged and counted)', async () => {
    const attempts: number[] = [];
    await a.queue.work(
      'test.always-fails',
      async () => {
        attempts.push(Date.now());
        throw new Error('the platform said no');
      },
      { pollingIntervalSeconds: 0.5 },
    );
    const id = await a.queue.enqueue('test.always-fails', { sourceId: 's1', access_token: 'tok-SECRET-123' });
    expect(id).toEqual(expect.any(String));

    // JOB_RETRY_LIMIT=2: the first run and two retries, then the dead-letter queue.
    const [dead] = await waitFor(async () => {
      const rows = await jobs('test.always-fails__dead');
      return rows.length ? rows : undefined;
    }, 25000);
    expect(attempts).toHaveLength(3);
    expect(dead.data).toEqual({ sourceId: 's1', access_token: 'tok-SECRET-123' });
    const [original] = await jobs('test.always-fails');
    expect(original.state).toBe('failed');

    // Exponential backoff from a 1 s delay: the 2nd gap waits at least twice the base delay.
    const gap1 = attempts[1] - attempts[0];
    const gap2 = attempts[2] - attempts[1];
    expect(gap1).toBeGreaterThanOrEqual(900);
    expect(gap2).toBeGreaterThanOrEqual(1900);

    expect(await metric(a, 'otklik_jobs_failed_total{queue="test.always-fails"}')).toBe(3);
    expect(await metric(a, 'otklik_jobs_dead_lettered_total{queue="test.always-fails"}')).toBe(1);
    expect(await metric(a, 'otklik_jobs_queue_depth{queue="test.always-fails__dead",state="created"}')).toBe(
      1,
    );

    const deadLog = a.logs
      .map((l) => JSON.parse(l))
      .find((l) => l.deadLetterQueue === 'test.always-fails__dead');
    expect(deadLog).toMatchObject({ level: 40, queue: 'test.always-fails', jobId: id, attempts: 3 });
    expect(a.logs.join('\n')).not.toContain('tok-SECRET-123');
  });

  it('a singleton key admits one unfinished job across two instances', async () => {
    const ids = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? a : b).queue.enqueue('test.sync', { n: i }, { singletonKey: 'source:42', startAfter: 60 }),
      ),
    );
    expect(ids.filter(Boolean)).toHaveLength(1);
    expect(await jobs('test.sync')).toHaveLength(1);
    // Other keys are independent; without a key every enqueue is a new job.
    expect(
      await a.queue.enqueue('test.sync', {}, { singletonKey: 'source:43', startAfter: 60 }),
    ).toBeTruthy();
    expect(await a.queue.enqueue('test.sync', {}, { startAfter: 60 })).toBeTruthy();
    expect(await a.queue.enqueue('test.sync', {}, { startAfter: 60 })).toBeTruthy();
    expect(await jobs('test.sync')).toHaveLength(4);
  });

  it('a finished singleton job frees its key', async () => {
    let runs = 0;
    await b.queue.work('test.once', async () => void runs++, { pollingIntervalSeconds: 0.5 });
    expect(await a.queue.enqueue('test.once', {}, { singletonKey: 'k' })).toBeTruthy();
    await waitFor(async () => runs === 1);
    await waitFor(async () => (await jobs('test.once')).every((j) => j.state === 'completed'));
    expect(await a.queue.enqueue('test.once', {}, { singletonKey: 'k' })).toBeTruthy();
    await waitFor(async () => runs === 2);
    // the completion is counted once it is recorded, a moment after the handler returns
    await waitFor(async () => (await metric(b, 'otklik_jobs_completed_total{queue="test.once"}')) >= 2);
    expect(await metric(b, 'otklik_jobs_completed_total{queue="test.once"}')).toBe(2);
  });

  it('an active job past its expiry (its worker was killed) no longer holds its singleton key', async () => {
    const first = await a.queue.enqueue('test.dead', {}, { singletonKey: 'd', expireInSeconds: 60 });
    expect(first).toBeTruthy();
    // What kill -9 leaves behind: the job `active`, started by a worker that will never finish it.
    await pg.query(
      `UPDATE pgboss.job SET state = 'active', started_on = now() - interval '30 seconds' WHERE id = $1`,
      [first],
    );
    expect(await a.queue.enqueue('test.dead', {}, { singletonKey: 'd', expireInSeconds: 60 })).toBeNull();
    await pg.query(`UPDATE pgboss.job SET started_on = now() - interval '61 seconds' WHERE id = $1`, [first]);
    expect(await a.queue.enqueue('test.dead', {}, { singletonKey: 'd', expireInSeconds: 60 })).toBeTruthy();
  });

  it('with concurrency 2, a job that hangs does not hold up the next one', async () => {
    let release!: () => void;
    const hung = new Promise<void>((r) => (release = r));
    const done: string[] = [];
    await b.queue.work<{ what: string }>(
      'test.pollers',
      async ([job]) => {
        if (job.data.what === 'slow') await hung;
        done.push(job.data.what);
      },
      { pollingIntervalSeconds: 0.5, concurrency: 2 },
    );
    await a.queue.enqueue('test.pollers', { what: 'slow' });
    await waitFor(async () => (await jobs('test.pollers')).some((j) => j.state === 'active'));
    await a.queue.enqueue('test.pollers', { what: 'fast' });
    await waitFor(async () => done.includes('fast'));
    expect(done).toEqual(['fast']);
    release();
    await waitFor(async () => done.length === 2);
  });

  it('enqueues inside a transaction: rolled back, the job never existed', async () => {
    const ds = a.module.get(DataSource);
    await expect(
      ds.transaction(async (tx: EntityManager) => {
        await a.queue.enqueue('test.tx', { n: 1 }, { transaction: tx, startAfter: 60 });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await jobs('test.tx')).toHaveLength(0);
    await ds.transaction(async (tx: EntityManager) => {
      await a.queue.enqueue('test.tx', { n: 2 }, { transaction: tx, startAfter: 60 });
    });
    expect((await jobs('test.tx')).map((j) => j.data)).toEqual([{ n: 2 }]);
  });

  it('a schedule ticking on two instances enqueues one job per interval', async () => {
    a.schedule.every('test.tick', 60, { what: 'sweep' });
    b.schedule.every('test.tick', 60, { what: 'sweep' });
    await waitFor(async () => (await jobs('test.tick')).length > 0);
    await sleep(1000); // both instances have ticked by now
    const rows = await jobs('test.tick');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ data: { what: 'sweep' }, singleton_key: 'every:test.tick' });
  });

  it('a graceful stop waits for the in-flight job to finish and records it', async () => {
    const other = await startJobsRuntime(db.url);
    let started = false;
    let finished = 0;
    await other.queue.work(
      'test.slow',
      async () => {
        started = true;
        await sleep(1500);
        finished = Date.now();
      },
      { pollingIntervalSeconds: 0.5 },
    );
    const id = await other.queue.enqueue('test.slow', {});
    await waitFor(async () => started);
    let closedAt = 0;
    await other.close().then(() => (closedAt = Date.now()));
    expect(finished).toBeGreaterThan(0);
    expect(closedAt).toBeGreaterThanOrEqual(finished); // close waited for the handler
    const [row] = await jobs('test.slow');
    expect(row).toMatchObject({ id, state: 'completed' });
  });
});
