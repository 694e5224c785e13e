import { SchedulerRegistry } from '@nestjs/schedule';
import { Client } from 'pg';
import { createApp, RunningApp } from '../../src/bootstrap';
import { parseInboxNotification } from '../../src/inbox/inbox-events';
import { SnoozeWakeService, WAKE_SNOOZED_JOB } from '../../src/inbox/snooze-wake.service';
import { JobQueue } from '../../src/jobs/job-queue';
import { PgBossJobQueue } from '../../src/jobs/pg-boss-job-queue';
import { startTestApp, TestApp, testConfig } from '../support/app';
import { ADMIN, login, seedConversation, Session, userSession, waitFor, withDb } from './support';

/** Snoozed conversations come back to the queue by themselves when their wake-up time passes. */
describe('snoozed conversations wake up', () => {
  let t: TestApp;
  let agent: Session;
  let sourceId: string;
  let listener: Client;
  const notified: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await login(t, ADMIN.email, ADMIN.password);
    agent = await userSession(t, admin, 'agent');
    sourceId = await withDb(t, async (c) => (await seedConversation(c)).sourceId);
    listener = new Client({ connectionString: t.db.url });
    await listener.connect();
    listener.on('notification', (n) => {
      if (n.channel === 'inbox') notified.push(n.payload ?? '');
    });
    await listener.query('LISTEN inbox');
  });
  afterAll(async () => {
    await listener?.end();
    await t?.stop();
  });

  const sql = <T = any>(text: string, params: unknown[] = []) =>
    withDb(t, async (c) => (await c.query(text, params)).rows as T[]);

  /** Snoozes through the API (only a future time is accepted), then lets `minutesAgo` pass. */
  async function snoozed(minutesAgo: number | null): Promise<string> {
    const { conversationId: id } = await withDb(t, (c) => seedConversation(c, { sourceId }));
    const until = new Date(Date.now() + 3600_000).toISOString();
    await agent.json('PATCH', `/api/conversations/${id}`, { status: 'snoozed', snoozedUntil: until }, 200);
    if (minutesAgo !== null) {
      await sql(`UPDATE conversations SET snoozed_until = now() - $2 * interval '1 minute' WHERE id = $1`, [
        id,
        minutesAgo,
      ]);
    }
    return id;
  }

  const row = async (id: string) =>
    (
      await sql(`SELECT status, snoozed_until, due_at, sla_paused_at FROM conversations WHERE id = $1`, [id])
    )[0];
  const wokeAudit = (id: string) =>
    sql(
      `SELECT actor_id, data FROM audit_log
       WHERE entity_type = 'conversation' AND entity_id = $1 AND action = 'conversation.woke'`,
      [id],
    );
  /** The wake-up events the NOTIFYs announced, in order (snoozing through the API publishes too). */
  const notifiedEvents = () =>
    sql<{ type: string; conversationIds: string[] }>(
      `SELECT type, conversation_ids::text[] AS "conversationIds" FROM inbox_events
        WHERE id = ANY($1::bigint[]) AND data->'changes'->>'status' = 'open' ORDER BY id`,
      [
        notified.flatMap((p) => {
          const n = parseInboxNotification(p);
          return [...n.ids, ...n.events.map((e) => e.id)];
        }),
      ],
    );
  const notifiedIds = async () => (await notifiedEvents()).flatMap((e) => e.conversationIds);

  it('is a 30 s JobSchedule job with its handler on the worker', () => {
    expect(t.app.get(PgBossJobQueue).registeredWorkers()).toContain(WAKE_SNOOZED_JOB);
    const intervals = t.app.get(SchedulerRegistry).getIntervals();
    expect(intervals.filter((n) => n.includes(WAKE_SNOOZED_JOB))).toEqual([`every:${WAKE_SNOOZED_JOB}`]);
  });

  it('the job reopens a conversation whose snooze passed, audits it and notifies the inbox', async () => {
    const due = await snoozed(5);
    const later = await snoozed(null);
    const before = await row(due);
    expect(before.status).toBe('snoozed');

    await t.app.get(JobQueue).enqueue(WAKE_SNOOZED_JOB, {});
    await waitFor(async () => (await row(due)).status === 'open', 10_000);

    const after = await row(due);
    expect(after.snoozed_until).toBeNull();
    // Snoozing paused the clock and waking resumes it from the snooze's end, never before the
    // pause began: the test moved the end before the pause, so the deadline stays where it was.
    expect(before.sla_paused_at).not.toBeNull();
    expect(after.sla_paused_at).toBeNull();
    expect(after.due_at.getTime()).toBe(before.due_at.getTime());
    const audit = await wokeAudit(due);
    expect(audit).toHaveLength(1);
    expect(audit[0].actor_id).toBeNull();
    expect(audit[0].data).toMatchObject({ from: 'snoozed', to: 'open', snoozedUntil: expect.any(String) });
    await waitFor(async () => (await notifiedIds()).includes(due), 5000);

    // Not yet due: still snoozed, not audited, not notified.
    expect((await row(later)).status).toBe('snoozed');
    expect(await wokeAudit(later)).toEqual([]);
    expect(await notifiedIds()).not.toContain(later);

    // The woken conversation is back in the open queue.
    const queue = await agent.json('GET', '/api/conversations?status=open&limit=200', undefined, 200);
    expect(queue.conversations.map((c: any) => c.id)).toContain(due);
  });

  it('wakes many in batches, each once, and a second pass finds nothing', async () => {
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await snoozed(10 + i));
    notified.length = 0;
    const woken = await t.app.get(SnoozeWakeService).wakeDue(2);
    expect(woken.sort()).toEqual([...ids].sort());
    expect(await t.app.get(SnoozeWakeService).wakeDue(2)).toEqual([]);
    for (const id of ids) {
      expect((await row(id)).status).toBe('open');
      expect(await wokeAudit(id)).toHaveLength(1);
    }
    // One transaction (and one conversation.updated event) per batch: 2 + 2 + 1.
    await waitFor(async () => (await notifiedEvents()).length >= 3, 5000);
    const events = await notifiedEvents();
    expect(events.map((e) => [e.type, e.conversationIds.length])).toEqual([
      ['conversation.updated', 2],
      ['conversation.updated', 2],
      ['conversation.updated', 1],
    ]);
    expect((await notifiedIds()).sort()).toEqual([...ids].sort());
  });

  it('finds due snoozes through a partial index on snoozed conversations', async () => {
    const [idx] = await sql(`SELECT indexdef FROM pg_indexes WHERE indexname = 'conversations_snoozed_idx'`);
    expect(idx.indexdef).toMatch(/\(snoozed_until\)/);
    expect(idx.indexdef).toMatch(/status = 'snoozed'/);
    const plan = await withDb(t, async (c) => {
      await c.query('SET enable_seqscan = off');
      const r = await c.query(
        `EXPLAIN SELECT id FROM conversations WHERE status = 'snoozed' AND snoozed_until <= now()
         ORDER BY snoozed_until LIMIT 200`,
      );
      return r.rows.map((x) => x['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('conversations_snoozed_idx');
  });

  it('ROLE=api registers no wake-up handler', async () => {
    const config = testConfig({ ROLE: 'api' }, t.db.url);
    let api: RunningApp | undefined;
    try {
      api = await createApp(config, { logger: false });
      expect(api.app.get(PgBossJobQueue).registeredWorkers()).not.toContain(WAKE_SNOOZED_JOB);
    } finally {
      await api?.stop();
    }
  });
});
