/**
 * Outbound half of the matrix through the inbox: an agent's reply (POST /api/conversations/:id/
 * replies) → outbox row → delivery job → real vk-io / telegraf → emulator. T6, T7, T8, and the
 * reply sweep with VK's idempotent sends.
 */
import { ReplySweepService } from '../../src/replies/reply-sweep.service';
import {
  assertInvariants,
  GROUP_ID,
  item,
  startWorld,
  tgMessage,
  until,
  vkComment,
  vkKeysOf,
  vkMessage,
  waitForItems,
  World,
} from './harness';

describe('e2e replies through the inbox (T6, T7, T8)', () => {
  let w: World;

  beforeAll(async () => {
    w = await startWorld();
  });
  afterEach(async () => {
    w.vk.control.clearFaults();
    w.tg.control.clearFaults();
    await assertInvariants(w);
  });
  afterAll(() => w?.close());

  /** The conversation of a stored customer item. */
  async function conversationOf(sourceId: string, key: string): Promise<string> {
    await waitForItems(w, sourceId, [key]);
    return (await item(w, sourceId, key))!.conversation_id;
  }

  async function reply(conversationId: string, text: string): Promise<string> {
    const r = await w.admin.post(`/api/conversations/${conversationId}/replies`, { text });
    expect(r.status).toBe(202);
    return r.body.id;
  }

  async function settled(replyId: string, timeoutMs = 10_000): Promise<any> {
    let body: any;
    await until(
      async () => {
        body = (await w.admin.get(`/api/replies/${replyId}`)).body;
        return body.status !== 'queued' && body.status !== 'sending';
      },
      timeoutMs,
      `reply ${replyId} to settle`,
      100,
    );
    return body;
  }

  it('T6 VK wall: wall.createComment commits but answers after apiTimeout → delivered, one comment with the reply’s guid', async () => {
    const c = w.vk.control;
    const { key, id: commentId } = vkComment(w, 5, 'где посмотреть зону покрытия?');
    const conv = await conversationOf(w.vkSourceId, key);
    c.fault({
      match: { method: 'wall.createComment' },
      times: 1,
      action: { type: 'commit_then_delay', ms: 1500 }, // > apiTimeoutMs (1000)
    });
    const id = await reply(conv, 'Карта покрытия — на сайте, раздел «Подключение».');
    const done = await settled(id);
    expect(done.status).toBe('delivered');
    expect(c.requests({ method: 'wall.createComment' }).length).toBeGreaterThanOrEqual(2); // vk-io retried
    const outbox = c.outbox({ method: 'wall.createComment' });
    expect(outbox).toHaveLength(1);
    expect(outbox[0].params).toMatchObject({
      guid: vkKeysOf(id).guid,
      from_group: String(GROUP_ID),
      reply_to_comment: String(commentId),
    });
    const newId = (outbox[0].result as { comment_id: number }).comment_id;
    expect(done.platformMessageId).toBe(`wall_comment:-${GROUP_ID}_${w.wallPostId}_${newId}`);
    const [outbound] = await w.sql(
      `SELECT conversation_id FROM items WHERE source_id = $1 AND direction = 'outbound' AND external_id = $2`,
      [w.vkSourceId, done.platformMessageId],
    );
    expect(outbound.conversation_id).toBe(conv);
  });

  it('T6 VK DM: messages.send commits but answers after apiTimeout → delivered, one message with the reply’s random_id', async () => {
    const c = w.vk.control;
    const { key } = vkMessage(w, 6, 'где мой роутер?');
    const conv = await conversationOf(w.vkSourceId, key);
    c.fault({
      match: { method: 'messages.send' },
      times: 1,
      action: { type: 'commit_then_delay', ms: 1500 },
    });
    const id = await reply(conv, 'Роутер передан курьеру, привезут завтра.');
    expect((await settled(id)).status).toBe('delivered');
    const outbox = c.outbox({ method: 'messages.send' });
    expect(outbox).toHaveLength(1);
    expect(outbox[0].params).toMatchObject({ peer_id: '6', random_id: vkKeysOf(id).random_id });
  });

  it('VK: a send whose worker seems dead is requeued by the sweep (idempotent sends) and still posts once', async () => {
    const c = w.vk.control;
    const { key } = vkMessage(w, 8, 'перезвоните мне');
    const conv = await conversationOf(w.vkSourceId, key);
    // A slow VK: the first send is still in flight (status `sending`) when the sweep runs.
    c.fault({ match: { method: 'messages.send' }, times: 1, action: { type: 'delay', ms: 800 } });
    const id = await reply(conv, 'Перезвоним в течение часа.');
    await until(
      async () => (await w.admin.get(`/api/replies/${id}`)).body.status === 'sending',
      5000,
      'sending',
    );
    const swept = await w.app!.app.get(ReplySweepService).sweep({ graceSeconds: 30, leaseSeconds: 0 });
    expect(swept).toMatchObject({ requeued: 1, unknown: 0 });
    // Requeued, not `unknown`; the in-flight send's success is recorded even though the row was
    // queued again meanwhile, and any second attempt carries the same random_id.
    const done = await settled(id, 5000);
    expect(done.status).toBe('delivered');
    const sends = c.requests({ method: 'messages.send' }).filter((r) => r.params.peer_id === '8');
    expect(new Set(sends.map((r) => r.params.random_id))).toEqual(new Set([vkKeysOf(id).random_id]));
    expect(c.outbox({ method: 'messages.send' }).filter((o) => o.params.peer_id === '8')).toHaveLength(1);
  });

  it('T7 TG: sendMessage answers 429 → one delivery, no earlier than retry_after', async () => {
    const c = w.tg.control;
    const { key, message } = tgMessage(w, { id: 601, first_name: 'Ira' }, 'подключите, пожалуйста');
    const conv = await conversationOf(w.tgSourceId, key);
    c.addFault({
      match: { method: 'sendMessage' },
      times: 1,
      action: { type: 'api_error', code: 429, retry_after: 1 },
    });
    const id = await reply(conv, 'Оформили заявку, мастер позвонит.');
    expect((await settled(id)).status).toBe('delivered');
    const calls = c.requests({ method: 'sendMessage' });
    expect(calls.map((r) => r.status)).toEqual([429, 200]);
    expect(calls[1].at - calls[0].at).toBeGreaterThanOrEqual(1000);
    const outbox = c.outbox({ chat_id: 601 });
    expect(outbox).toHaveLength(1);
    expect(outbox[0].params).toMatchObject({ reply_parameters: { message_id: message.message_id } });
  });

  it('T8 TG: commit_then_reset → reply `unknown` via the API, outbox 1, not resent after the sweep', async () => {
    const c = w.tg.control;
    const { key } = tgMessage(w, { id: 602, first_name: 'Max' }, 'ответьте срочно');
    const conv = await conversationOf(w.tgSourceId, key);
    c.addFault({ match: { method: 'sendMessage' }, times: 1, action: { type: 'commit_then_reset' } });
    const id = await reply(conv, 'Уже разбираемся.');
    const done = await settled(id);
    expect(done.status).toBe('unknown');
    expect(c.outbox({ chat_id: 602 })).toHaveLength(1);

    const sweep = w.app!.app.get(ReplySweepService);
    await sweep.sweep({ graceSeconds: 0, leaseSeconds: 0 });
    await new Promise((r) => setTimeout(r, 1500)); // a resend would have been picked up by now
    expect((await w.admin.get(`/api/replies/${id}`)).body.status).toBe('unknown');
    expect(c.requests({ method: 'sendMessage' }).filter((r) => r.params.chat_id === 602)).toHaveLength(1);
    expect(c.outbox({ chat_id: 602 })).toHaveLength(1);
  });
});
