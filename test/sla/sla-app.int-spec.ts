import { SchedulerRegistry } from '@nestjs/schedule';
import { DataSource } from 'typeorm';
import { createApp, RunningApp } from '../../src/bootstrap';
import { JobQueue } from '../../src/jobs/job-queue';
import { PgBossJobQueue } from '../../src/jobs/pg-boss-job-queue';
import { SLA_SWEEP_JOB } from '../../src/sla/sla-sweep.service';
import { SlaSweepService } from '../../src/sla/sla-sweep.service';
import { ADMIN, login, Session, userSession, withDb } from '../inbox/support';
import { startTestApp, TestApp, testConfig } from '../support/app';
import { insertConversation, insertSource } from './sla-fixtures';

const waitFor = async <T>(probe: () => Promise<T | undefined>, ms = 15_000): Promise<T> => {
  const until = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
};

/** SLA in the running app: the scheduled sweep on workers, pause/resume through the inbox API. */
describe('SLA in the whole app', () => {
  let t: TestApp;
  let admin: Session;
  let agent: Session;
  let sourceId: string;
  const ds = () => t.app.get(DataSource);

  beforeAll(async () => {
    t = await startTestApp();
    admin = await login(t, ADMIN.email, ADMIN.password);
    agent = await userSession(t, admin, 'agent');
    sourceId = await insertSource(ds());
  });
  afterAll(() => t?.stop());

  const breaches = (id: string) =>
    withDb(
      t,
      async (c) => (await c.query(`SELECT kind FROM sla_events WHERE conversation_id = $1`, [id])).rows,
    );

  it('schedules the sweep once, through JobSchedule, with its handler on the worker', () => {
    expect(t.app.get(PgBossJobQueue).registeredWorkers()).toContain(SLA_SWEEP_JOB);
    const intervals = t.app.get(SchedulerRegistry).getIntervals();
    expect(intervals.filter((n) => n.includes(SLA_SWEEP_JOB))).toEqual([`every:${SLA_SWEEP_JOB}`]);
  });

  it("raises exactly one breach for a passed deadline from the running app's sweep job", async () => {
    const id = await insertConversation(ds(), sourceId, {
      startedAt: new Date(Date.now() - 4 * 3600_000),
      dueAt: new Date(Date.now() - 3600_000),
    });
    const queue = t.app.get(JobQueue);
    await queue.enqueue(SLA_SWEEP_JOB, {});
    const rows = await waitFor(async () => {
      const r = await breaches(id);
      return r.some((e: { kind: string }) => e.kind === 'breach') ? r : undefined;
    });
    // Another sweep of the running app finds nothing new to raise.
    const again = await t.app.get(SlaSweepService).sweep();
    expect(again.raised.filter((e) => e.conversationId === id)).toEqual([]);
    const after = await breaches(id);
    expect(after.filter((e: { kind: string }) => e.kind === 'breach')).toHaveLength(1);
    expect(after.map((e: { kind: string }) => e.kind).sort()).toEqual(
      ['breach', 'warning_50', 'warning_80'].sort(),
    );
    expect(rows.length).toBe(3);
  });

  it('pauses the clock when an agent sets pending and resumes it when they reopen', async () => {
    const started = new Date(Date.now() - 30 * 60_000);
    const due = new Date(started.getTime() + 3 * 3600_000);
    const id = await insertConversation(ds(), sourceId, { startedAt: started, dueAt: due });
    const clock = async () =>
      (
        await withDb(t, (c) =>
          c.query(
            `SELECT status, due_at, sla_paused_at, sla_paused_ms::int AS paused_ms FROM conversations WHERE id = $1`,
            [id],
          ),
        )
      ).rows[0];

    await agent.json('PATCH', `/api/conversations/${id}`, { status: 'pending' }, 200);
    const paused = await clock();
    expect(paused.status).toBe('pending');
    expect(paused.sla_paused_at).not.toBeNull();
    // Pretend the customer took an hour: move the pause back.
    await withDb(t, (c) =>
      c.query(`UPDATE conversations SET sla_paused_at = sla_paused_at - interval '1 hour' WHERE id = $1`, [
        id,
      ]),
    );

    await agent.json('PATCH', `/api/conversations/${id}`, { status: 'open' }, 200);
    const resumed = await clock();
    expect(resumed.status).toBe('open');
    expect(resumed.sla_paused_at).toBeNull();
    expect(resumed.paused_ms).toBeGreaterThanOrEqual(3600_000);
    expect(resumed.paused_ms).toBeLessThan(3600_000 + 60_000);
    expect(resumed.due_at.getTime() - due.getTime()).toBe(resumed.paused_ms);
  });

  it('keeps counting while pending when the policy says pause_while_pending = false', async () => {
    const { id: policyId } = await admin.json(
      'POST',
      '/api/sla-policies',
      { name: 'No pause', sourceId, firstResponseMinutes: 180, pauseWhilePending: false },
      201,
    );
    const started = new Date(Date.now() - 10 * 60_000);
    const due = new Date(started.getTime() + 3 * 3600_000);
    const id = await insertConversation(ds(), sourceId, { startedAt: started, dueAt: due, policyId });
    await agent.json('PATCH', `/api/conversations/${id}`, { status: 'pending' }, 200);
    const [row] = await ds().query(`SELECT status, sla_paused_at, due_at FROM conversations WHERE id = $1`, [
      id,
    ]);
    expect(row.status).toBe('pending');
    expect(row.sla_paused_at).toBeNull();
    expect(row.due_at.getTime()).toBe(due.getTime());
  });

  it('ROLE=api on the same database registers no sweep and schedules nothing', async () => {
    const config = testConfig({ ROLE: 'api' }, t.db.url);
    let api: RunningApp | undefined;
    try {
      api = await createApp(config, { logger: false });
      expect(api.app.get(PgBossJobQueue).registeredWorkers()).toEqual([]);
      // the sweep service exists (the API may use SLA policies), but nothing runs it here
      expect(api.app.get(SlaSweepService)).toBeDefined();
    } finally {
      await api?.stop();
    }
  });
});
