import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Telegraf } from 'telegraf';
import { DiscussionThreads, TelegramConnector, handleTelegramWebhook } from '../../src/connectors/telegram';
import { DEFAULT_BOT_TOKEN, TelegramEmulator, startTelegramEmulator } from '../../src/emulators/telegram';
import { ANNA, Inbox, OLEG, telegramSource, waitFor } from './support';

/** What the ingest endpoint does with the handler: store, then answer; 5xx when storing failed. */
async function startReceiver(secretToken: string, inbox: Inbox) {
  const threads = new DiscussionThreads();
  const statuses: number[] = [];
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const result = handleTelegramWebhook(req.headers, Buffer.concat(chunks), { secretToken, threads });
    let status = result.status;
    if (status === 200) {
      try {
        await inbox.emit({ items: result.items, cursors: {} });
      } catch {
        status = 500;
      }
    }
    statuses.push(status);
    res.writeHead(status).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tg`;
  return { url, statuses, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('Telegram webhook mode', () => {
  let emu: TelegramEmulator;
  const connector = new TelegramConnector();
  const telegraf = () =>
    new Telegraf(DEFAULT_BOT_TOKEN, { telegram: { apiRoot: emu.apiRoot, webhookReply: false } }).telegram;

  beforeEach(async () => {
    emu = await startTelegramEmulator({ redeliveryMs: 50 });
  });
  afterEach(() => emu.stop());

  it('registers the webhook with secret_token; getUpdates then gets 409', async () => {
    const inbox = new Inbox();
    const receiver = await startReceiver('s3cret', inbox);
    try {
      const source = telegramSource(emu, {
        settings: { mode: 'webhook', webhookUrl: receiver.url },
        credentials: { webhookSecret: 's3cret' },
      });
      const stop = await connector.receive(source, inbox.emit);
      const info = await telegraf().getWebhookInfo();
      expect(info.url).toBe(receiver.url);
      expect(emu.control.snapshot().bots[0].webhook).toEqual({ url: receiver.url, hasSecret: true });
      await expect(telegraf().getUpdates(0, 100, 0, [])).rejects.toMatchObject({ code: 409 });

      emu.control.send({ from: ANNA, text: 'через вебхук' });
      await waitFor(() => inbox.rows.size === 1);
      expect(inbox.rows.get('555:1')).toMatchObject({ kind: 'message', text: 'через вебхук' });
      await stop();
    } finally {
      await receiver.close();
    }
  });

  it('T1: a failed delivery is redelivered with the same update and stored once', async () => {
    const inbox = new Inbox();
    inbox.failNext = 1;
    const receiver = await startReceiver('s3cret', inbox);
    try {
      await telegraf().setWebhook(receiver.url, { secret_token: 's3cret' });
      emu.control.addFault({ match: { method: 'webhook' }, times: 1, action: { type: 'duplicate' } });
      emu.control.send({ from: ANNA, text: 'первое' });
      emu.control.send({ from: OLEG, text: 'второе' });
      await waitFor(
        () => inbox.rows.size === 2 && emu.state.bot().queue.length === 0,
        5000,
        'both delivered',
      );
      expect(receiver.statuses).toEqual([500, 200, 200, 200]); // failed, redelivered, duplicated, second
      expect(inbox.rows.get('555:1')!.deliveries).toBe(2);
      expect(inbox.texts()).toEqual(['первое', 'второе']);
    } finally {
      await receiver.close();
    }
  });

  it('a wrong secret is refused with 403 and nothing is stored; Telegram keeps the update', async () => {
    const inbox = new Inbox();
    const receiver = await startReceiver('expected', inbox);
    try {
      await telegraf().setWebhook(receiver.url, { secret_token: 'other' });
      emu.control.send({ from: ANNA, text: 'кто здесь?' });
      await waitFor(() => receiver.statuses.length >= 2, 5000, 'two attempts');
      expect(new Set(receiver.statuses)).toEqual(new Set([403]));
      expect(inbox.rows.size).toBe(0);
      const info = await telegraf().getWebhookInfo();
      expect(info.pending_update_count).toBe(1);
      expect(info.last_error_message).toContain('403');
    } finally {
      await receiver.close();
    }
  });

  it('rejects malformed bodies with 400 and maps nothing', () => {
    const headers = { 'X-Telegram-Bot-Api-Secret-Token': 'k' };
    expect(handleTelegramWebhook(headers, '{nope', { secretToken: 'k' })).toMatchObject({
      status: 400,
      items: [],
    });
    expect(handleTelegramWebhook(headers, { hello: 1 }, { secretToken: 'k' })).toMatchObject({ status: 400 });
    expect(handleTelegramWebhook({}, { update_id: 1 }, { secretToken: 'k' })).toMatchObject({ status: 403 });
    expect(handleTelegramWebhook(headers, { update_id: 1 }, { secretToken: 'k' })).toEqual({
      status: 200,
      items: [],
      updateId: 1,
    });
  });
});
