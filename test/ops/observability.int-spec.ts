import { PgBossJobQueue } from '../../src/jobs/pg-boss-job-queue';
import { createTestDatabase, TestDatabase } from '../support/database';
import { METRICS_TOKEN, OpsApp, startOpsApp } from './ops-app';

/** Logs, metrics, API docs and readiness of the whole app (ROLE=all). */
describe('operability', () => {
  let db: TestDatabase;
  let t: OpsApp;

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await startOpsApp(db.url);
  });
  afterAll(async () => {
    await t?.running.stop();
    await db?.drop();
  });

  it('is ready when the database and the queue are', async () => {
    const res = await fetch(`${t.url}/health/ready`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: 'up', queue: 'up' });
    expect((await fetch(`${t.url}/health/live`)).status).toBe(200);
  });

  it('serves Prometheus metrics to the metrics token, not to anonymous callers', async () => {
    await fetch(`${t.url}/health/ready`);
    await fetch(`${t.url}/no/such/route/12345`);
    expect((await fetch(`${t.url}/metrics`)).status).toBe(401);
    expect(
      (await fetch(`${t.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-wrong-token' } }))
        .status,
    ).toBe(401);
    const res = await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toMatch(
      /otklik_http_request_duration_seconds_count\{method="GET",route="\/health\/ready",status_code="200"\} \d+/,
    );
    // The 404 is labelled by whatever pattern matched (or <unmatched>), never by the raw URL.
    expect(text).toMatch(
      /otklik_http_request_duration_seconds_count\{method="GET",route="[^"]+",status_code="404"\}/,
    );
    expect(text).not.toContain('12345');
    for (const name of [
      'otklik_jobs_completed_total',
      'otklik_jobs_failed_total',
      'otklik_jobs_dead_lettered_total',
      'otklik_jobs_queue_depth',
    ]) {
      expect(text).toContain(`# TYPE ${name}`);
    }
  });

  it('publishes OpenAPI UI and JSON without a session, with the cookie scheme declared', async () => {
    const ui = await fetch(`${t.url}/api/docs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toMatch(/swagger/i);
    const json = await fetch(`${t.url}/api/docs-json`);
    expect(json.status).toBe(200);
    const doc = (await json.json()) as any;
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.components.securitySchemes.otklik_session).toMatchObject({
      type: 'apiKey',
      in: 'cookie',
      name: 'otklik_session',
    });
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/health/ready', '/metrics']));
  });

  it('logs a request as one JSON line (method, path, status, time), never its headers', async () => {
    await fetch(`${t.url}/not/here/at/all?q=private`, {
      headers: {
        cookie: 'otklik_session=cookie-secret-value-1',
        authorization: 'Bearer bearer-secret-value-2',
      },
    });
    await new Promise((r) => setTimeout(r, 100));
    const lines = t.logs.filter((l) => l.includes('/not/here/at/all'));
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]);
    expect(line).toMatchObject({
      level: 30,
      req: { method: 'GET', url: '/not/here/at/all' },
      res: { statusCode: 404 },
      responseTime: expect.any(Number),
      msg: expect.stringMatching(/^GET \/not\/here\/at\/all 404 \d+ ms$/),
    });
    expect(line.req.headers).toBeUndefined();
    expect(line.res.headers).toBeUndefined();
    expect(lines[0]).not.toContain('private');
    const all = t.logs.join('\n');
    expect(all).not.toContain('cookie-secret-value-1');
    expect(all).not.toContain('bearer-secret-value-2');
  });

  it('reports the queue as down when pg-boss has stopped (503 naming the part)', async () => {
    await t.running.app.get(PgBossJobQueue).beforeApplicationShutdown();
    const res = await fetch(`${t.url}/health/ready`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ database: 'up', queue: 'down' });
  });
});
