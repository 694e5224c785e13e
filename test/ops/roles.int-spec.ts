import { JobQueue } from '../../src/jobs/job-queue';
import { PgBossJobQueue } from '../../src/jobs/pg-boss-job-queue';
import { createTestDatabase, TestDatabase } from '../support/database';
import { METRICS_TOKEN, OpsApp, startOpsApp } from './ops-app';

/** ROLE=api and ROLE=worker against one database: the API enqueues, only the worker works. */
describe('ROLE=api + ROLE=worker on one database', () => {
  let db: TestDatabase;
  let api: OpsApp;
  let worker: OpsApp;

  beforeAll(async () => {
    db = await createTestDatabase();
    [api, worker] = await Promise.all([
      startOpsApp(db.url, { ROLE: 'api', LOG_LEVEL: 'silent' }),
      startOpsApp(db.url, { ROLE: 'worker', LOG_LEVEL: 'silent' }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([api?.running.stop(), worker?.running.stop()]);
    await db?.drop();
  });

  it('a job enqueued through the api instance runs on the worker instance only', async () => {
    const ranOn: string[] = [];
    // Both instances register the same handler, as a feature module would.
    for (const [name, app] of [
      ['api', api],
      ['worker', worker],
    ] as const) {
      await app.running.app
        .get(JobQueue)
        .work<{ n: number }>('ops.echo', async (jobs) => void ranOn.push(`${name}:${jobs[0].data.n}`), {
          pollingIntervalSeconds: 0.5,
        });
    }
    expect(api.running.app.get(PgBossJobQueue).registeredWorkers()).toEqual([]);
    expect(worker.running.app.get(PgBossJobQueue).registeredWorkers()).toContain('ops.echo');

    expect(await api.running.app.get(JobQueue).enqueue('ops.echo', { n: 7 })).toEqual(expect.any(String));
    const until = Date.now() + 15000;
    while (!ranOn.length && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 1200)); // would the api instance pick it up too?
    expect(ranOn).toEqual(['worker:7']);
  });

  it('the worker answers health and metrics only; the api serves the API and its docs', async () => {
    expect((await fetch(`${worker.url}/health/ready`)).status).toBe(200);
    const metrics = await fetch(`${worker.url}/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('otklik_jobs_completed_total{queue="ops.echo"} 1');
    expect((await fetch(`${worker.url}/api/docs-json`)).status).toBe(404);
    expect((await fetch(`${worker.url}/api/auth/login`, { method: 'POST' })).status).toBe(404);

    expect((await fetch(`${api.url}/health/ready`)).status).toBe(200);
    expect((await fetch(`${api.url}/api/docs-json`)).status).toBe(200);
  });
});
