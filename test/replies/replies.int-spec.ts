import { createApp, RunningApp } from '../../src/bootstrap';
import { loadConfig } from '../../src/config/config';
import { ConnectorError } from '../../src/connectors/connector';
import { ConnectorRegistry } from '../../src/connectors/registry';
import { ReplyDeliveryService } from '../../src/replies/reply-delivery.service';
import { ReplySweepService } from '../../src/replies/reply-sweep.service';
import { startTestApp, TestApp } from '../support/app';
import { ADMIN, login, seedConversation, Session, userSession, waitFor, withDb } from '../inbox/support';
import { RecordingPlatform } from './support';

describe('replies outbox', () => {
  let t: TestApp;
  let second: RunningApp;
  let admin: Session;
  let agent: Session;
  let other: Session;
  let analyst: Session;
  const platform = new RecordingPlatform('testnet');
  const dedupingPlatform = new RecordingPlatform('testnet-idem', true);

  const reply = async (conversationId: string, text: string, s = agent) =>
    s.json('POST', `/api/conversations/${conversationId}/replies`, { text }, 202);
  const replyRow = (id: string) =>
    withDb(t, async (c) => (await c.query(`SELECT * FROM replies WHERE id = $1`, [id])).rows[0]);
  const until = (id: string, status: string) =>
    waitFor(async () => {
      const r = await replyRow(id);
      return r.status === status && r;
    }, 15_000);
  const outboundItems = (conversationId: string) =>
    withDb(
      t,
      async (c) =>
        (
          await c.query(`SELECT * FROM items WHERE conversation_id = $1 AND direction = 'outbound'`, [
            conversationId,
          ])
        ).rows,
    );

  beforeAll(async () => {
    t = await startTestApp();
    t.app.get(ConnectorRegistry).register(platform);
    t.app.get(ConnectorRegistry).register(dedupingPlatform);
    // A second instance on the same database: two delivery workers compete for every job.
    const config = loadConfig(
      {
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        DEMO: 'false',
        ROLE: 'worker',
        SECRETS_KEY: '0'.repeat(64),
        DATABASE_URL: t.db.url,
      },
      '/nonexistent',
    );
    second = await createApp(config, { logger: false });
    second.app.get(ConnectorRegistry).register(platform);
    second.app.get(ConnectorRegistry).register(dedupingPlatform);
    admin = await login(t, ADMIN.email, ADMIN.password);
    [agent, other, analyst] = await Promise.all([
      userSession(t, admin, 'agent', 'Анна'),
      userSession(t, admin, 'agent', 'Борис'),
      userSession(t, admin, 'analyst'),
    ]);
  });
  afterAll(async () => {
    await second?.stop();
    await t?.stop();
  });
  beforeEach(() => {
    platform.calls.length = 0;
    platform.script = [];
    platform.delayMs = 0;
  });

  it('delivers exactly once while two workers race, records the first response and closes the SLA', async () => {
    const writtenAt = new Date(Date.now() - 10 * 60_000);
    const f = await withDb(t, (c) => seedConversation(c, { writtenAt }));
    platform.delayMs = 150;
    const r: any = await reply(f.conversationId, 'Здравствуйте! Уже проверяем линию.');
    expect(r.status).toBe('queued');
    // Both instances' services race for the same row too, besides the two pg-boss workers.
    const outcomes = await Promise.all([
      t.app.get(ReplyDeliveryService).deliver(r.id),
      second.app.get(ReplyDeliveryService).deliver(r.id),
    ]);
    const row = await until(r.id, 'delivered');
    expect(outcomes.filter((o) => o === 'delivered').length).toBeLessThanOrEqual(1);
    expect(platform.calls).toHaveLength(1);
    expect(platform.calls[0].reply).toMatchObject({
      replyId: r.id,
      text: 'Здравствуйте! Уже проверяем линию.',
      inReplyTo: { externalId: expect.stringMatching(/^msg:dm:/), kind: 'message' },
    });
    expect(row).toMatchObject({
      attempts: 1,
      platform_message_id: 'msg:testnet:1',
      idempotency_key: `reply:${r.id}`,
    });

    const conv = await withDb(
      t,
      async (c) => (await c.query(`SELECT * FROM conversations WHERE id = $1`, [f.conversationId])).rows[0],
    );
    expect(conv.first_response_at.getTime()).toBe(row.delivered_at.getTime());
    const expected = Math.round((row.delivered_at.getTime() - writtenAt.getTime()) / 1000);
    expect(Math.abs(conv.first_response_seconds - expected)).toBeLessThanOrEqual(1);
    expect(conv).toMatchObject({ due_at: null, status: 'pending', assignee_id: agent.user.id });

    const items = await outboundItems(f.conversationId);
    expect(items).toEqual([
      expect.objectContaining({ text: 'Здравствуйте! Уже проверяем линию.', external_id: 'msg:testnet:1' }),
    ]);
    const view: any = await agent.json('GET', `/api/conversations/${f.conversationId}`, undefined, 200);
    expect(view.items.map((i: any) => i.direction)).toEqual(['inbound', 'outbound']);
    expect(view.replies[0]).toMatchObject({ status: 'delivered', authorName: 'Анна' });

    // A second reply is not a first response.
    const r2: any = await reply(f.conversationId, 'Линию починили.');
    await until(r2.id, 'delivered');
    const again = await withDb(
      t,
      async (c) =>
        (await c.query(`SELECT first_response_at FROM conversations WHERE id = $1`, [f.conversationId]))
          .rows[0],
    );
    expect(again.first_response_at.getTime()).toBe(conv.first_response_at.getTime());
  });

  it('retries a temporary error and then delivers once', async () => {
    const f = await withDb(t, (c) => seedConversation(c));
    platform.script = [new ConnectorError('temporary', '502 Bad Gateway')];
    const r: any = await reply(f.conversationId, 'Проверьте, пожалуйста, ещё раз.');
    const row = await until(r.id, 'delivered');
    expect(row.attempts).toBe(2);
    expect(platform.calls.map((c) => c.reply.replyId)).toEqual([r.id, r.id]);
    // The retry waited for its backoff (2 s for the first retry).
    expect(platform.calls[1].at - platform.calls[0].at).toBeGreaterThanOrEqual(1900);
    expect(await outboundItems(f.conversationId)).toHaveLength(1);
  });

  it('marks an unknown outcome for a person and never resends it by itself', async () => {
    const f = await withDb(t, (c) => seedConversation(c));
    platform.script = [new ConnectorError('unknown_outcome', 'connection reset after the request was sent')];
    const r: any = await reply(f.conversationId, 'Ответ, который мог дойти.');
    const row = await until(r.id, 'unknown');
    expect(row.last_error).toMatch(/unknown_outcome/);
    await t.app.get(ReplySweepService).sweep({ graceSeconds: 0, leaseSeconds: 0 });
    await new Promise((res) => setTimeout(res, 1500));
    expect(platform.calls).toHaveLength(1);
    expect((await replyRow(r.id)).status).toBe('unknown');
    expect(await outboundItems(f.conversationId)).toHaveLength(0);

    // The agent found it on the platform: delivered as of when it was sent; the SLA closes.
    const marked: any = await agent.json(
      'POST',
      `/api/replies/${r.id}/mark-delivered`,
      { platformMessageId: 'msg:found' },
      200,
    );
    expect(marked).toMatchObject({ status: 'delivered', platformMessageId: 'msg:found' });
    const done = await replyRow(r.id);
    expect(done.delivered_at.getTime()).toBe(done.sent_at.getTime());
    expect(platform.calls).toHaveLength(1);
    expect((await agent.request('POST', `/api/replies/${r.id}/resend`)).status).toBe(409);
  });

  it('resends an unknown reply when a person decides it did not arrive', async () => {
    const f = await withDb(t, (c) => seedConversation(c));
    platform.script = [new ConnectorError('unknown_outcome', 'timeout')];
    const r: any = await reply(f.conversationId, 'Второй шанс.');
    await until(r.id, 'unknown');
    await agent.json('POST', `/api/replies/${r.id}/resend`, undefined, 200);
    const row = await until(r.id, 'delivered');
    expect(row.attempts).toBe(2);
    expect(platform.calls).toHaveLength(2);
  });

  it('fails a rejected reply without retrying', async () => {
    const f = await withDb(t, (c) => seedConversation(c));
    platform.script = [new ConnectorError('rejected', 'Forbidden: bot was blocked by the user')];
    const r: any = await reply(f.conversationId, 'Не дойдёт.');
    const row = await until(r.id, 'failed');
    expect(row.last_error).toBe('rejected: Forbidden: bot was blocked by the user');
    expect(platform.calls).toHaveLength(1);
    const conv = await withDb(
      t,
      async (c) =>
        (
          await c.query(`SELECT due_at, first_response_at FROM conversations WHERE id = $1`, [
            f.conversationId,
          ])
        ).rows[0],
    );
    expect(conv.first_response_at).toBeNull();
    expect(conv.due_at).not.toBeNull();
  });

  it('settles a send interrupted by a crash: unknown, or queued again where the platform dedupes', async () => {
    const [plain, deduped] = await withDb(t, async (c) => [
      await seedConversation(c),
      await seedConversation(c, { platform: 'testnet-idem' }),
    ]);
    // Replies a dead worker left in `sending`, past the lease.
    const stuck = await withDb(t, async (c) => {
      const ids: string[] = [];
      for (const f of [plain, deduped]) {
        const { rows } = await c.query(
          `INSERT INTO replies (conversation_id, in_reply_to_item_id, source_id, text, status, idempotency_key, attempts, sent_at, updated_at)
           VALUES ($1, $2, $3, 'Отправлялось, когда всё упало', 'sending', gen_random_uuid()::text, 1,
             now() - interval '10 minutes', now() - interval '10 minutes') RETURNING id`,
          [f.conversationId, f.itemId, f.sourceId],
        );
        ids.push(rows[0].id);
      }
      return ids;
    });
    const result = await t.app.get(ReplySweepService).sweep({ graceSeconds: 30, leaseSeconds: 300 });
    expect(result).toMatchObject({ requeued: 1, unknown: 1 });
    expect((await replyRow(stuck[0])).status).toBe('unknown');
    const redelivered = await until(stuck[1], 'delivered');
    expect(redelivered.attempts).toBe(2);
    expect(platform.calls).toHaveLength(0);
  });

  it('re-enqueues a queued reply whose job was lost', async () => {
    const f = await withDb(t, (c) => seedConversation(c));
    const id = await withDb(t, async (c) => {
      const { rows } = await c.query(
        `INSERT INTO replies (conversation_id, in_reply_to_item_id, source_id, text, idempotency_key, updated_at)
         VALUES ($1, $2, $3, 'Потерянная задача', gen_random_uuid()::text, now() - interval '5 minutes') RETURNING id`,
        [f.conversationId, f.itemId, f.sourceId],
      );
      return rows[0].id as string;
    });
    expect((await t.app.get(ReplySweepService).sweep()).reenqueued).toBe(1);
    await until(id, 'delivered');
    expect(platform.calls.map((c) => c.reply.replyId)).toEqual([id]);
  });

  it('never sends notes, and makes a double-clicked Send one reply', async () => {
    const f = await withDb(t, (c) => seedConversation(c));
    await agent.json(
      'POST',
      `/api/conversations/${f.conversationId}/notes`,
      { text: 'внутренняя заметка' },
      201,
    );
    const headers = { 'Idempotency-Key': 'click-0123456789' };
    const body = { text: 'Один ответ' };
    const [a, b] = await Promise.all([
      agent.request('POST', `/api/conversations/${f.conversationId}/replies`, body, headers),
      agent.request('POST', `/api/conversations/${f.conversationId}/replies`, body, headers),
    ]);
    const [ra, rb]: any[] = [await a.json(), await b.json()];
    expect(ra.id).toBe(rb.id);
    await until(ra.id, 'delivered');
    await new Promise((res) => setTimeout(res, 700));
    expect(platform.calls.map((c) => c.reply.text)).toEqual(['Один ответ']);
  });

  it('lets only the holder (or an admin) answer, and never an analyst', async () => {
    const f = await withDb(t, (c) => seedConversation(c));
    expect(
      (await analyst.request('POST', `/api/conversations/${f.conversationId}/replies`, { text: 'нельзя' }))
        .status,
    ).toBe(403);
    await reply(f.conversationId, 'Беру.', other);
    const res = await agent.request('POST', `/api/conversations/${f.conversationId}/replies`, {
      text: 'И я',
    });
    expect(res.status).toBe(409);
    expect(
      (await agent.request('POST', `/api/conversations/${f.conversationId}/replies`, { text: '  ' })).status,
    ).toBe(400);
    await reply(f.conversationId, 'Администратор дополняет.', admin);
  });
});
