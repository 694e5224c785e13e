import { randomUUID } from 'node:crypto';
import { Client as Pg } from 'pg';
import { createApp, RunningApp } from '../../src/bootstrap';
import { startVkEmulator, VkEmulator } from '../../src/emulators/vk';
import { conversationUpdated, publishInboxEvents } from '../../src/inbox/inbox-events';
import { InboxEventsHub } from '../../src/realtime/inbox-events.hub';
import { InboxEventsRepository } from '../../src/realtime/inbox-events.repository';
import { ADMIN, Client, userWithRole } from '../auth/client';
import { testConfig } from '../support/app';
import { createTestDatabase, TestDatabase } from '../support/database';
import { openSse, SseClient } from './sse-client';

const GROUP_ID = 42;

interface Instance {
  running: RunningApp;
  url: string;
}

async function startInstance(db: TestDatabase, role: 'api' | 'worker'): Promise<Instance> {
  const running = await createApp(testConfig({ ROLE: role, SHUTDOWN_TIMEOUT_MS: '3000' }, db.url), {
    logger: false,
  });
  await running.app.listen(0, '127.0.0.1');
  return { running, url: `http://127.0.0.1:${running.app.getHttpServer().address().port}` };
}

const cookieOf = (c: Client) => ({ cookie: `otklik_session=${c.cookie}` });
const ids = (s: SseClient) => s.events().map((e) => e.id as string);

/**
 * The live inbox across processes: two API instances and one worker on one database. Changes made
 * on either API instance and by the worker (ingest, reply delivery) reach browsers on both
 * instances; a dropped stream resumes with Last-Event-ID and misses nothing; sign-out ends it.
 */
describe('GET /api/events: two API instances and a worker', () => {
  let db: TestDatabase;
  let vk: VkEmulator;
  let a: Instance;
  let b: Instance;
  let worker: Instance;
  let admin: Client; // signed in through instance A
  let agent: Client; // through instance B
  let agentId: string;
  let postId: number;
  const streams: SseClient[] = [];
  const open = async (url: string, headers: Record<string, string>) => {
    const s = await openSse(`${url}/api/events`, headers);
    streams.push(s);
    return s;
  };
  const allEventIds = async () =>
    (await sql<{ id: string }>(`SELECT id::text FROM inbox_events ORDER BY id`)).map((r) => r.id);
  const sql = async <T>(text: string, params: unknown[] = []): Promise<T[]> => {
    const c = new Pg({ connectionString: db.url });
    await c.connect();
    try {
      return (await c.query(text, params as any[])).rows as T[];
    } finally {
      await c.end();
    }
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    vk = await startVkEmulator({ maxHoldMs: 250, seed: 3 });
    vk.control.community({ id: GROUP_ID, name: 'Acme', screen_name: 'acme' });
    postId = vk.control.post({ ownerId: -GROUP_ID, text: 'Новый тариф' }).id;
    [a, b, worker] = await Promise.all([
      startInstance(db, 'api'),
      startInstance(db, 'api'),
      startInstance(db, 'worker'),
    ]);
    admin = new Client(a.url);
    expect((await admin.login(ADMIN.email, ADMIN.password)).status).toBe(200);
    const created = await userWithRole(b.url, admin, 'agent');
    agent = created.client; // Client(b.url): signed in on B
    agentId = created.id;
    const source = await admin.post('/api/sources', {
      platform: 'vk',
      name: 'Acme',
      settings: {
        groupId: GROUP_ID,
        apiBaseUrl: vk.apiBaseUrl,
        apiTimeoutMs: 1000,
        apiWaitMs: 50,
        callDeadlineMs: 5000,
        pollingWaitMs: 100,
        reconcileIntervalMs: 0,
        serviceApiLimit: 20,
        backfillDays: 1,
      },
      credentials: {
        groupToken: vk.control.token({ kind: 'group', groupId: GROUP_ID }),
        serviceToken: vk.control.token({ kind: 'service', rps: 20 }),
      },
    });
    expect(source.status).toBe(201);
    const until = Date.now() + 15_000;
    while (vk.control.requests({ method: 'lp.a_check' }).length === 0) {
      if (Date.now() > until) throw new Error('the worker never started the VK receiver');
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(a.running.app.get(InboxEventsHub).listening).toBe(true);
    expect(b.running.app.get(InboxEventsHub).listening).toBe(true);
    expect(worker.running.app.get(InboxEventsHub).listening).toBe(false); // workers do not stream
  }, 60_000);

  afterAll(async () => {
    for (const s of streams) s.close();
    await Promise.all([a?.running.stop(), b?.running.stop(), worker?.running.stop()]);
    await vk?.stop();
    await db?.drop();
  });

  it('refuses a stream without a session or with a bad Last-Event-ID', async () => {
    expect((await fetch(`${a.url}/api/events`)).status).toBe(401);
    const bad = await fetch(`${a.url}/api/events`, {
      headers: { ...cookieOf(admin), 'last-event-id': 'x1' },
    });
    expect(bad.status).toBe(400);
    expect((await fetch(`${a.url}/api/events?lastEventId=-1`, { headers: cookieOf(admin) })).status).toBe(
      400,
    );
  });

  it('every change, from either API instance or the worker, reaches browsers on both instances; a dropped stream resumes and misses nothing', async () => {
    const onA = await open(a.url, cookieOf(admin));
    const onB = await open(b.url, cookieOf(agent));
    expect([onA.status, onB.status]).toEqual([200, 200]);
    const before = new Set(await allEventIds());

    // the worker ingests a customer comment
    vk.control.comment({ ownerId: -GROUP_ID, postId, fromId: 501, text: 'Где мой заказ? #rt1' });
    const stored = (s: SseClient) => s.events().find((e) => e.type === 'items.stored');
    await onA.waitFor(() => !!stored(onA), 15_000, 'items.stored on A');
    await onB.waitFor(() => !!stored(onB), 15_000, 'items.stored on B');
    const conv: string = stored(onA).conversationIds[0];
    expect(stored(onA).data).toMatchObject({ inserted: 1, newInbound: 1 });

    // changes through instance B (the agent) and A (the admin)
    expect((await agent.patch(`/api/conversations/${conv}`, { assigneeId: agentId })).status).toBe(200);
    expect((await agent.post(`/api/conversations/${conv}/notes`, { text: 'проверить оплату' })).status).toBe(
      201,
    );
    const details = await admin.get(`/api/conversations/${conv}`);
    const itemId = details.body.items[0].id;
    expect((await admin.patch(`/api/items/${itemId}/analysis`, { intent: 'complaint' })).status).toBe(200);
    const reply = await agent.post(`/api/conversations/${conv}/replies`, { text: 'Проверяем! #rt1' });
    expect(reply.status).toBe(202);

    // the worker delivers the reply: queued → sending → delivered, each an event
    const statuses = (s: SseClient) =>
      s
        .events()
        .filter((e) => e.type === 'reply.updated' && e.data.replyId === reply.body.id)
        .map((e) => e.data.status);
    for (const s of [onA, onB])
      await s.waitFor(() => statuses(s).includes('delivered'), 15_000, 'the delivered reply');
    expect(statuses(onA)).toEqual(['queued', 'sending', 'delivered']);
    const types = new Set(onB.events().map((e) => e.type));
    for (const t of [
      'items.stored',
      'conversation.updated',
      'note.created',
      'item.corrected',
      'reply.updated',
    ])
      expect(types).toContain(t);
    const assigned = onA
      .events()
      .find((e) => e.type === 'conversation.updated' && e.data.changes?.assigneeId === agentId);
    expect(assigned?.conversationIds).toEqual([conv]);

    // every event written since the streams opened reached both, once, in id order
    const written = (await allEventIds()).filter((id) => !before.has(id));
    for (const st of [onA, onB])
      await st.waitFor(() => ids(st).length >= written.length, 10_000, 'every written event');
    expect(ids(onA)).toEqual(written);
    expect(ids(onB)).toEqual(written);
    // events hold ids and counts, never customer text
    expect(JSON.stringify(onA.events())).not.toContain('#rt1');

    // A drops; meanwhile the worker ingests and B's agent writes; A resumes with Last-Event-ID
    const lastSeen = ids(onA).at(-1)!;
    onA.close();
    for (let i = 0; i < 3; i++)
      vk.control.comment({ ownerId: -GROUP_ID, postId, fromId: 600 + i, text: `ещё вопрос ${i}` });
    await agent.post(`/api/conversations/${conv}/notes`, { text: 'пока вас не было' });
    await onB.waitFor(
      () => onB.events().filter((e) => e.type === 'items.stored').length >= 2,
      15_000,
      'the new comments on B',
    );
    const resumed = await open(a.url, { ...cookieOf(admin), 'last-event-id': lastSeen });
    const missed = (await allEventIds()).filter((id) => !before.has(id) && BigInt(id) > BigInt(lastSeen));
    expect(missed.length).toBeGreaterThanOrEqual(2);
    await resumed.waitFor(
      () => missed.every((id) => ids(resumed).includes(id)),
      10_000,
      'the missed events replayed',
    );
    // nothing written so far is missing from what A has seen in total
    const seenByA = new Set([...ids(onA), ...ids(resumed)]);
    expect((await allEventIds()).filter((id) => !before.has(id) && !seenByA.has(id))).toEqual([]);

    // and the resumed stream is live again
    await agent.post(`/api/conversations/${conv}/notes`, { text: 'после возврата' });
    await resumed.waitFor(
      () => resumed.events().some((e) => e.type === 'note.created' && BigInt(e.id) > BigInt(missed.at(-1)!)),
      10_000,
      'a live event after the replay',
    );
  }, 90_000);

  it('an event too big for the NOTIFY payload is read by id and still streamed; a rolled-back one never is', async () => {
    const s = await open(b.url, cookieOf(agent));
    const many = Array.from({ length: 300 }, () => randomUUID());
    const pg = new Pg({ connectionString: db.url });
    await pg.connect();
    try {
      await pg.query('BEGIN');
      await publishInboxEvents(pg, [
        conversationUpdated([randomUUID()], { status: 'resolved', marker: 'rolled back' }),
      ]);
      await pg.query('ROLLBACK');
      await pg.query('BEGIN');
      await publishInboxEvents(pg, [conversationUpdated(many, { status: 'resolved' })]);
      await pg.query('COMMIT');
    } finally {
      await pg.end();
    }
    await s.waitFor(() => s.events().some((e) => e.conversationIds.length === 300), 10_000, 'the big event');
    expect(s.events().find((e) => e.conversationIds.length === 300)!.conversationIds).toEqual(many);
    expect(JSON.stringify(s.events())).not.toContain('rolled back');
  });

  it('a new EventSource can resume with ?lastEventId=; an unknown id gets `event: reset`', async () => {
    const [first] = await allEventIds();
    const q = await openSse(`${b.url}/api/events?lastEventId=${first}`, cookieOf(agent));
    streams.push(q);
    await q.waitFor(() => q.events().length > 0, 5000, 'a replay');
    expect(q.events()[0].id).not.toBe(first);
    const unknown = await open(a.url, { ...cookieOf(admin), 'last-event-id': '999999999' });
    await unknown.waitFor((f) => f.some((x) => x.event === 'reset'), 5000, 'reset');
  });

  it('signing out (on the other instance) ends the stream at once', async () => {
    const analyst = (await userWithRole(a.url, admin, 'analyst')).client;
    const s = await open(a.url, cookieOf(analyst));
    expect(s.status).toBe(200); // every role reads the inbox
    const onB = new Client(b.url);
    onB.cookie = analyst.cookie;
    onB.csrf = analyst.csrf;
    const t0 = Date.now();
    expect((await onB.post('/api/auth/logout')).status).toBe(204);
    await s.ended;
    expect(Date.now() - t0).toBeLessThan(3000); // the NOTIFY, not the 15 s heartbeat
    expect((await fetch(`${a.url}/api/events`, { headers: cookieOf(analyst) })).status).toBe(401);
  });

  it('workers prune events after a day', async () => {
    await sql(
      `UPDATE inbox_events SET at = now() - interval '25 hours' WHERE id = (SELECT min(id) FROM inbox_events)`,
    );
    const before = (await allEventIds()).length;
    expect(await worker.running.app.get(InboxEventsRepository).prune()).toBe(1);
    expect((await allEventIds()).length).toBe(before - 1);
  });
});
