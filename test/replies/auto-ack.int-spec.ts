import { ConnectorRegistry } from '../../src/connectors/registry';
import { IngestService } from '../../src/ingest/ingest.service';
import { answerBy } from '../../src/replies/auto-ack';
import { AutoAckRepository } from '../../src/replies/auto-ack.repository';
import { AutoAckService } from '../../src/replies/auto-ack.service';
import { SlaSweepService } from '../../src/sla/sla-sweep.service';
import { startTestApp, TestApp } from '../support/app';
import { ADMIN, login, Session, userSession, waitFor, withDb } from '../inbox/support';
import { comment, dm } from '../ingest/harness';
import { RecordingPlatform } from './support';

/**
 * Issue 12.6 on real PostgreSQL: a direct message outside business hours gets exactly one
 * "we will answer by …" through the outbox, and it is never the answer — the SLA clock keeps
 * running, the first response stays empty, and the reports count the agent's reply.
 */
describe('auto-acknowledgement', () => {
  let t: TestApp;
  let admin: Session;
  let agent: Session;
  let sourceId: string;
  const platform = new RecordingPlatform('testnet');
  const sql = <T = any>(text: string, params: unknown[] = []) =>
    withDb(t, async (c) => (await c.query(text, params)).rows as T[]);
  const conv = async (peer: string) =>
    (
      await sql(`SELECT * FROM conversations WHERE source_id = $1 AND thread_key = $2`, [
        sourceId,
        `dm:${peer}`,
      ])
    )[0];

  beforeAll(async () => {
    t = await startTestApp();
    t.app.get(ConnectorRegistry).register(platform);
    admin = await login(t, ADMIN.email, ADMIN.password);
    agent = await userSession(t, admin, 'agent');
    sourceId = (
      await sql(
        `INSERT INTO sources (platform, name, settings) VALUES ('testnet', 'ДомНет', '{}') RETURNING id`,
      )
    )[0].id;
    // working hours: one hour a day, starting three hours from now (UTC) — so "now" is after hours
    const start = (new Date().getUTCHours() + 3) % 24;
    const hh = (h: number) => `${String(h).padStart(2, '0')}:00`;
    const hours = [{ from: hh(start), to: start === 23 ? '24:00' : hh(start + 1) }];
    const week = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, hours]));
    await admin.json(
      'POST',
      '/api/sla-policies',
      { name: 'Ночь', sourceId, firstResponseMinutes: 60, calendar: { timeZone: 'UTC', week } },
      201,
    );
  });
  afterAll(() => t?.stop());

  it('rules are admin-only and validated', async () => {
    const body = {
      sourceId,
      templateRu: 'Здравствуйте! Ответим {when}.',
      templateEn: 'Hi! We will answer {when}.',
    };
    expect((await agent.request('POST', '/api/auto-ack/rules', body)).status).toBe(403);
    expect((await admin.request('POST', '/api/auto-ack/rules', { ...body, intent: 'gossip' })).status).toBe(
      400,
    );
    expect((await admin.request('POST', '/api/auto-ack/rules', { ...body, waitOverMinutes: 0 })).status).toBe(
      400,
    );
    const rule: any = await admin.json('POST', '/api/auto-ack/rules', body, 201);
    expect(rule).toMatchObject({
      sourceId,
      enabled: true,
      outsideHours: true,
      publicComments: false,
      waitOverMinutes: null,
    });
    expect((await admin.request('POST', '/api/auto-ack/rules', body)).status).toBe(409);
    expect((await admin.json('GET', '/api/auto-ack/rules', undefined, 200)).map((r: any) => r.id)).toEqual([
      rule.id,
    ]);
  });

  it('a DM after hours gets one acknowledgement with the deadline; the clock keeps running', async () => {
    const peer = `night-${Date.now()}`;
    const ingest = t.app.get(IngestService);
    await ingest.ingest(sourceId, {
      items: [
        dm(peer, {
          createdAt: new Date(Date.now() - 60_000),
          text: 'Здравствуйте, не работает интернет, что делать?',
        }),
      ],
      cursors: {},
    });
    // a public comment after hours: not acknowledged (the rule does not enable comments)
    await ingest.ingest(sourceId, {
      items: [
        comment({
          createdAt: new Date(Date.now() - 60_000),
          text: 'Почему у вас опять нет интернета?',
          author: { externalId: 'c1', name: 'Олег' },
        }),
      ],
      cursors: {},
    });
    const before = await conv(peer);
    expect(before.due_at).not.toBeNull();

    // two workers sweeping at once still queue one message
    const acks = t.app.get(AutoAckService);
    const [a, b] = await Promise.all([acks.sweep(), acks.sweep()]);
    const queued = [...a, ...b];
    expect(queued.map((q) => q.conversationId)).toEqual([before.id]);
    expect(queued[0].reason).toBe('outside_hours');
    expect(await acks.sweep()).toEqual([]);

    const [reply] = await sql(`SELECT * FROM replies WHERE conversation_id = $1`, [before.id]);
    expect(reply.auto_ack).toBe(true);
    expect(reply.author_id).toBeNull();
    expect(reply.text).toBe(`Здравствуйте! Ответим ${answerBy(before.due_at, new Date(), 'UTC', 'ru')}.`);
    expect(reply.text).toMatch(/Ответим до \d\d:\d\d (сегодня|завтра)\./);

    await waitFor(
      async () =>
        (await sql(`SELECT status FROM replies WHERE id = $1`, [reply.id]))[0].status === 'delivered',
      15_000,
    );
    expect(platform.calls.filter((c) => c.reply.replyId === reply.id)).toHaveLength(1);
    const after = await conv(peer);
    expect(after.first_response_at).toBeNull();
    expect(after.status).toBe('open');
    expect(after.due_at.toISOString()).toBe(before.due_at.toISOString());
    const [item] = await sql(`SELECT raw FROM items WHERE conversation_id = $1 AND direction = 'outbound'`, [
      before.id,
    ]);
    expect(item.raw.autoAck).toBe(true);
    // the timeline says it was automatic
    const details: any = await agent.json('GET', `/api/conversations/${before.id}`, undefined, 200);
    expect(details.replies.map((r: any) => r.autoAck)).toEqual([true]);

    // the sweep still breaches it: the acknowledgement did not stop the clock
    const raised = await t.app.get(SlaSweepService).sweep(new Date(before.due_at.getTime() + 1000));
    expect(raised.raised.filter((e) => e.conversationId === before.id).map((e) => e.kind)).toContain(
      'breach',
    );

    // the agent's answer is the response, in the conversation and in the reports
    const answer: any = await agent.json(
      'POST',
      `/api/conversations/${before.id}/replies`,
      { text: 'Проверили линию, всё работает.' },
      202,
    );
    await waitFor(
      async () =>
        (await sql(`SELECT status FROM replies WHERE id = $1`, [answer.id]))[0].status === 'delivered',
      15_000,
    );
    const answered = await conv(peer);
    const [delivered] = await sql(`SELECT delivered_at FROM replies WHERE id = $1`, [answer.id]);
    expect(answered.first_response_at.toISOString()).toBe(delivered.delivered_at.toISOString());
    const [cycle] = await sql(`SELECT responded_at FROM report_sla_cycles WHERE conversation_id = $1`, [
      before.id,
    ]);
    expect(cycle.responded_at.toISOString()).toBe(delivered.delivered_at.toISOString());

    // the comment got nothing
    expect(
      await sql(
        `SELECT r.id FROM replies r JOIN conversations c ON c.id = r.conversation_id WHERE c.thread_key NOT LIKE 'dm:%'`,
      ),
    ).toEqual([]);
  });

  it('knows the expected wait from recent first responses', async () => {
    const repo = t.app.get(AutoAckRepository);
    await sql(`UPDATE conversations SET first_response_at = NULL, first_response_seconds = NULL`);
    expect(await repo.expectedWaitMinutes()).toBeNull();
    await sql(
      `INSERT INTO conversations (source_id, platform, thread_key, first_response_at, first_response_seconds)
       SELECT $1, 'testnet', 'wait-' || n, now() - interval '10 minutes', n * 1800 FROM generate_series(1, 3) n`,
      [sourceId],
    );
    expect(await repo.expectedWaitMinutes()).toBe(60);
  });
});
