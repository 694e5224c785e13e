import { Telegraf } from 'telegraf';
import { TelegramConnector } from '../../src/connectors/telegram';
import { DEFAULT_BOT_TOKEN, TelegramEmulator, startTelegramEmulator } from '../../src/emulators/telegram';
import {
  ANNA,
  CHANNEL,
  DISCUSSION,
  Inbox,
  OLEG,
  brandChannel,
  sleep,
  telegramSource,
  waitFor,
} from './support';

describe('Telegram receive: getUpdates long polling through telegraf against the emulator', () => {
  let emu: TelegramEmulator;
  let stops: (() => Promise<void>)[] = [];
  const connector = new TelegramConnector({ retryBaseMs: 50, retryMaxMs: 200 });

  beforeEach(async () => {
    emu = await startTelegramEmulator({ maxHoldMs: 200 });
    stops = [];
  });
  afterEach(async () => {
    for (const stop of stops) await stop();
    await emu.stop();
  });

  async function receive(inbox: Inbox, cursors: Record<string, unknown> = inbox.cursors) {
    const stop = await connector.receive(telegramSource(emu, { cursors: { ...cursors } }), inbox.emit);
    stops.push(stop);
    return stop;
  }

  it('maps private messages, channel posts and threads discussion comments to their post', async () => {
    brandChannel(emu);
    const inbox = new Inbox();
    await receive(inbox);
    emu.control.send({ from: ANNA, text: 'не приходит код' });
    const { post, forward } = emu.control.channelPost({ chat_id: CHANNEL, text: 'Релиз 2.0' });
    const c1 = emu.control.comment({
      channel_id: CHANNEL,
      post_id: post.message_id,
      from: OLEG,
      text: 'а когда на Android?',
    });
    // A reply to a comment carries only the comment, not the forward: still threaded to the post.
    const c2 = emu.control.comment({
      channel_id: CHANNEL,
      post_id: post.message_id,
      from: ANNA,
      text: '+1, тоже жду',
      reply_to_message_id: c1.message.message_id,
    });
    await waitFor(() => inbox.rows.size === 4, 5000, 'four items');

    const dm = inbox.rows.get(`555:1`)!;
    expect(dm).toMatchObject({ kind: 'message', threadExternalId: '555', text: 'не приходит код' });
    expect(dm.author).toMatchObject({ externalId: '555', name: 'Anna', username: 'anna' });

    const postKey = `${CHANNEL}:${post.message_id}`;
    expect(inbox.rows.get(postKey)).toMatchObject({ kind: 'channel_post', threadExternalId: postKey });
    expect(inbox.rows.get(postKey)!.author.isBrand).toBe(true);
    // The automatic forward is the brand's post again, not a customer item.
    expect(inbox.rows.has(`${DISCUSSION}:${forward!.message_id}`)).toBe(false);

    expect(inbox.rows.get(`${DISCUSSION}:${c1.message.message_id}`)).toMatchObject({
      kind: 'comment',
      threadExternalId: postKey,
      parentExternalId: postKey,
      author: { externalId: '556' },
    });
    expect(inbox.rows.get(`${DISCUSSION}:${c2.message.message_id}`)).toMatchObject({
      kind: 'comment',
      threadExternalId: postKey,
      parentExternalId: `${DISCUSSION}:${c1.message.message_id}`,
    });
    expect(inbox.cursors.updates).toEqual({ offset: expect.any(Number) });
  });

  it('T1: an edited_message updates the same item and keeps the previous text', async () => {
    const inbox = new Inbox();
    await receive(inbox);
    const { message } = emu.control.send({ from: ANNA, text: 'не приходит код' });
    await waitFor(() => inbox.rows.size === 1);
    emu.control.edit({ chat_id: ANNA.id, message_id: message.message_id, text: 'не приходит SMS-код' });
    await waitFor(() => inbox.rows.get('555:1')!.versions.length === 2, 5000, 'the edit');
    const row = inbox.rows.get('555:1')!;
    expect(inbox.rows.size).toBe(1);
    expect(row.text).toBe('не приходит SMS-код');
    expect(row.versions).toEqual(['не приходит код', 'не приходит SMS-код']);
    expect(row.editedAt).toBeInstanceOf(Date);
    expect(row.editedAt!.getTime()).toBeGreaterThan(row.createdAt.getTime());
  });

  it('T1: ignore_ack makes the server redeliver a confirmed update; it is still one item', async () => {
    emu.control.addFault({ match: { method: 'getUpdates' }, times: 1, action: { type: 'ignore_ack' } });
    const inbox = new Inbox();
    await receive(inbox);
    emu.control.send({ from: ANNA, text: 'где мой заказ?' });
    await waitFor(() => (inbox.rows.get('555:1')?.deliveries ?? 0) >= 2, 5000, 'the redelivery');
    emu.control.send({ from: ANNA, text: 'ау' });
    await waitFor(() => inbox.rows.size === 2);
    expect(emu.control.faults()[0].fired).toBe(1);
    expect(inbox.rows.get('555:1')!.deliveries).toBe(2);
    expect(inbox.texts()).toEqual(['где мой заказ?', 'ау']);
  });

  it('T4: after a restart polling resumes from the stored cursor and the server redelivers the rest', async () => {
    const inbox = new Inbox();
    const stop = await receive(inbox);
    emu.control.send({ from: ANNA, text: 'первое' });
    await waitFor(() => inbox.rows.size === 1);
    await stop();
    const stored = (inbox.cursors.updates as { offset: number }).offset;

    for (let i = 1; i <= 5; i++) emu.control.send({ from: OLEG, text: `пока вас не было ${i}` });
    emu.control.clearRequests();
    await receive(inbox);
    await waitFor(() => inbox.rows.size === 6, 5000, 'all five');

    const first = emu.control.requests({ method: 'getUpdates' })[0];
    expect(Number(first.params.offset)).toBe(stored);
    expect([...inbox.rows.values()].every((r) => r.deliveries === 1)).toBe(true);
    expect(emu.control.requests().filter((r) => r.status === 409)).toEqual([]); // one poller at a time
  });

  it('T5: an ingest failure never confirms the update, and polling keeps running', async () => {
    const inbox = new Inbox();
    const errors: string[] = [];
    let pendingAtFailure: number[] = [];
    const emit = async (batch: Parameters<Inbox['emit']>[0]) => {
      if (inbox.failures === 0) {
        inbox.failures++;
        pendingAtFailure = emu.state.bot().queue.map((q) => q.update.update_id);
        throw new Error('database is down');
      }
      return inbox.emit(batch);
    };
    stops.push(await connector.receive(telegramSource(emu), emit, { onError: (e) => errors.push(e.code) }));
    const { updateIds } = emu.control.send({ from: ANNA, text: 'срочно!' });
    await waitFor(() => inbox.rows.size === 1, 5000, 'the retried item');
    expect(errors).toEqual(['temporary']);
    expect(pendingAtFailure).toEqual(updateIds); // still unconfirmed on the server while ingest was down
    emu.control.send({ from: ANNA, text: 'и ещё' });
    await waitFor(() => inbox.rows.size === 2, 5000, 'polling to go on');
  });

  it('T5: a batch that never got stored is redelivered after a restart', async () => {
    const down = new Inbox();
    down.failNext = Infinity;
    const stop = await receive(down);
    emu.control.send({ from: ANNA, text: 'не потеряйте меня' });
    await waitFor(() => down.failures >= 2, 5000, 'failed emits');
    await stop();
    const inbox = new Inbox();
    await receive(inbox, down.cursors);
    await waitFor(() => inbox.rows.size === 1, 5000, 'the redelivered item');
    expect(inbox.texts()).toEqual(['не потеряйте меня']);
  });

  it('T14: a privacy-mode bot in a group gets only mentions; nothing else is ingested', async () => {
    const group = -200300;
    emu.control.upsertChat({ id: group, type: 'supergroup', title: 'Fans', bot_status: 'member' });
    const inbox = new Inbox();
    await receive(inbox);
    emu.control.send({ chat_id: group, from: OLEG, text: 'просто болтаем' });
    emu.control.send({ chat_id: group, from: ANNA, text: '@otklik_care_bot помогите с оплатой' });
    await waitFor(() => inbox.rows.size >= 1);
    await sleep(300);
    expect(inbox.texts()).toEqual(['@otklik_care_bot помогите с оплатой']);

    // As admin the bot sees everything.
    emu.control.setAdmin(DEFAULT_BOT_TOKEN, { chat_id: group });
    emu.control.send({ chat_id: group, from: OLEG, text: 'теперь видно' });
    await waitFor(() => inbox.rows.size === 2);
    expect(inbox.rows.get(`${group}:3`)).toMatchObject({ kind: 'message', threadExternalId: String(group) });
  });

  it('T14: reactions reach only an admin bot that listed message_reaction in allowed_updates', async () => {
    brandChannel(emu);
    const { message } = emu.control.send({ chat_id: DISCUSSION, from: OLEG, text: 'ну такое' });
    const telegram = new Telegraf(DEFAULT_BOT_TOKEN, {
      telegram: { apiRoot: emu.apiRoot, webhookReply: false },
    }).telegram;
    let updates = await telegram.getUpdates(0, 100, 0, ['message']);
    const next = updates[updates.length - 1].update_id + 1;
    emu.control.react({ chat_id: DISCUSSION, message_id: message.message_id, user: OLEG, emoji: '👎' });
    updates = await telegram.getUpdates(0, 100, next, ['message']);
    expect(updates).toEqual([]);

    updates = await telegram.getUpdates(0, 100, next, ['message', 'message_reaction']);
    emu.control.react({ chat_id: DISCUSSION, message_id: message.message_id, user: OLEG, emoji: '👍' });
    updates = await telegram.getUpdates(0, 100, next, ['message', 'message_reaction']);
    expect(updates).toHaveLength(1);
    expect((updates[0] as any).message_reaction.new_reaction).toEqual([{ type: 'emoji', emoji: '👍' }]);

    emu.control.setAdmin(DEFAULT_BOT_TOKEN, { chat_id: DISCUSSION, admin: false });
    emu.control.react({ chat_id: DISCUSSION, message_id: message.message_id, user: OLEG, emoji: '🔥' });
    updates = await telegram.getUpdates(0, 100, updates[0].update_id + 1, ['message', 'message_reaction']);
    expect(updates).toEqual([]);
  });

  it('T15: idle polling and slow answers stay under 5 requests/s', async () => {
    emu.control.addFault({ match: { method: 'getUpdates' }, times: 2, action: { type: 'delay', ms: 300 } });
    await receive(new Inbox());
    await sleep(200);
    emu.control.clearRequests();
    await sleep(2000);
    const polls = emu.control.requests().length;
    expect(polls).toBeGreaterThan(0);
    expect(polls / 2).toBeLessThan(5);
  });

  it('T15: retries after 5xx back off instead of spinning', async () => {
    const stop = await new TelegramConnector().receive(telegramSource(emu), new Inbox().emit);
    stops.push(stop);
    emu.control.addFault({ match: { method: 'getUpdates' }, action: { type: 'http', status: 502 } });
    await sleep(100);
    emu.control.clearRequests();
    await sleep(1500);
    expect(emu.control.requests().length / 1.5).toBeLessThan(5);
  });

  it('T15: a server that answers empty at once (no long-poll hold) does not cause a busy loop', async () => {
    const noHold = await startTelegramEmulator({ maxHoldMs: 0 });
    try {
      const stop = await connector.receive(telegramSource(noHold), new Inbox().emit);
      await sleep(100);
      noHold.control.clearRequests();
      await sleep(1500);
      await stop();
      expect(noHold.control.requests().length / 1.5).toBeLessThan(5);
    } finally {
      await noHold.stop();
    }
  });
});
