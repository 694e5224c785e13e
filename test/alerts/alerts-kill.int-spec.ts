/**
 * A worker killed (kill -9) while Slack holds its request: the message reached the receiver, the
 * worker never learnt it. Nothing sends it a second time — not another worker, not the job's
 * retry, not the sweep, which settles it as `unknown` (it may have arrived) for a person to judge;
 * an admin's resend is the only way it goes again.
 */
import { Pool } from 'pg';
import { ALERT_DELIVER_JOB } from '../../src/alerts/alert-jobs';
import { AlertSweepService } from '../../src/alerts/alert-sweep.service';
import { AlertsEvaluationService } from '../../src/alerts/alerts-evaluation.service';
import { JobQueue } from '../../src/jobs/job-queue';
import { ADMIN, Client } from '../auth/client';
import { ChildApp, spawnApp } from '../support/child-app';
import { createTestDatabase, TestDatabase } from '../support/database';
import { insertHighReachItem, insertSource } from './fixtures';
import { Instance, startInstance } from './harness';
import { SlackReceiver, until } from './slack-receiver';

jest.setTimeout(240_000);

describe('exactly once with a worker killed mid-send', () => {
  let db: TestDatabase;
  let pg: Pool;
  let slack: SlackReceiver;
  let api: Instance;
  let admin: Client;
  let child: ChildApp | undefined;
  let second: Instance | undefined;

  beforeAll(async () => {
    db = await createTestDatabase();
    pg = new Pool({ connectionString: db.url, max: 2 });
    await pg.query(`UPDATE alert_rules SET enabled = false`);
    slack = await SlackReceiver.start();
    // The only worker is the child: this instance serves the API and runs no jobs.
    api = await startInstance(db.url, { ROLE: 'api' });
    admin = new Client(api.url);
    expect((await admin.login(ADMIN.email, ADMIN.password)).status).toBe(200);
    child = await spawnApp(db.url, { JOB_RETRY_DELAY_SECONDS: '1' });
  }, 240_000);
  afterAll(async () => {
    await child?.kill9();
    await second?.stop();
    await api?.stop();
    await slack?.stop();
    await pg?.end();
    await db?.drop();
  });

  const alertRow = async (id: string) =>
    (await pg.query(`SELECT state, attempts, last_error FROM alerts WHERE id = $1`, [id])).rows[0];
  const attempts = async (id: string) =>
    (
      await pg.query(
        `SELECT attempt, outcome, finished_at FROM alert_deliveries WHERE alert_id = $1 ORDER BY attempt`,
        [id],
      )
    ).rows;

  it('one message, settled as unknown, never resent automatically', async () => {
    const sourceId = await insertSource(pg, 'Громкий пост');
    const rule = await admin.post('/api/alert-rules', {
      name: 'Loud posts',
      kind: 'high_reach',
      sourceId,
      webhookUrl: slack.url('kill'),
    });
    expect(rule.status).toBe(201);
    slack.script('kill', ['hold']);
    await insertHighReachItem(pg, sourceId);
    await api.running.app.get(AlertsEvaluationService).evaluate(new Date(), ['high_reach']);
    const [{ id }] = (await pg.query(`SELECT id FROM alerts WHERE rule_id = $1`, [rule.body.id])).rows;

    // The child claims it and posts; the receiver has the message and holds the answer.
    await until(() => slack.requests.length === 1, 'the request at the receiver', 60_000);
    expect(await alertRow(id)).toMatchObject({ state: 'sending', attempts: 1 });
    await child!.kill9();
    slack.release();
    expect(await attempts(id)).toMatchObject([{ attempt: 1, outcome: null, finished_at: null }]);

    // Another worker starts; the job's retry comes (here at once) — the claim refuses both.
    second = await startInstance(db.url, { ROLE: 'worker' });
    await api.running.app
      .get(JobQueue)
      .enqueue(ALERT_DELIVER_JOB, { alertId: id }, { singletonKey: `retry:${id}` });
    await new Promise((r) => setTimeout(r, 3000));
    expect(slack.requests).toHaveLength(1);
    // (the new worker's own sweep may already have settled it, if starting it took over a lease)
    expect(['sending', 'unknown']).toContain((await alertRow(id)).state);

    // The sweep (lease over) settles it: unknown, the attempt closed the same way.
    await api.running.app.get(AlertSweepService).sweep({ leaseSeconds: 1, graceSeconds: 60 });
    expect(await alertRow(id)).toMatchObject({ state: 'unknown', attempts: 1 });
    expect((await alertRow(id)).last_error).toMatch(/may have arrived/);
    expect(await attempts(id)).toMatchObject([{ attempt: 1, outcome: 'unknown' }]);
    await api.running.app
      .get(JobQueue)
      .enqueue(ALERT_DELIVER_JOB, { alertId: id }, { singletonKey: `again:${id}` });
    await new Promise((r) => setTimeout(r, 2000));
    expect(slack.requests).toHaveLength(1);

    // A person decides it did not arrive: it goes again, once.
    expect((await admin.post(`/api/alerts/${id}/resend`)).status).toBe(200);
    await until(() => slack.accepted('kill').length === 2, 'the resend');
    await until(async () => (await alertRow(id)).state === 'sent', 'the resend recorded');
    expect(await alertRow(id)).toMatchObject({ state: 'sent', attempts: 2 });
    expect(child!.output()).not.toMatch(/s3cr3t/);
  });
});
