import { Telegraf } from 'telegraf';
import { DEFAULT_BOT_TOKEN, TelegramEmulator, startTelegramEmulator } from '../../src/emulators/telegram';
import { ANNA, CHANNEL, DISCUSSION, OLEG, brandChannel, sleep, waitFor } from './support';

describe('Telegram Bot API emulator', () => {
  let emu: TelegramEmulator;
  const bot = () =>
    new Telegraf(DEFAULT_BOT_TOKEN, { telegram: { apiRoot: emu.apiRoot, webhookReply: false } });

  beforeEach(async () => {
    emu = await startTelegramEmulator({ maxHoldMs: 300 });
  });
  afterEach(() => emu.stop());

  it('holds an empty getUpdates up to maxHoldMs and answers at once when an update arrives', async () => {
    const t = bot().telegram;
    let started = Date.now();
    expect(await t.getUpdates(50, 100, 0, [])).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);

    started = Date.now();
    const held = t.getUpdates(50, 100, 0, []);
    await sleep(50);
    emu.control.send({ from: ANNA, text: 'привет' });
    const updates = await held;
    expect(updates).toHaveLength(1);
    // woken by the update, not by the end of the 300 ms hold
    expect(Date.now() - started).toBeLessThan(300);
  });

  it('a second poller terminates the first with 409 Conflict', async () => {
    const first = bot().telegram.getUpdates(50, 100, 0, []);
    await sleep(50);
    const second = bot().telegram.getUpdates(50, 100, 0, []);
    await expect(first).rejects.toMatchObject({ code: 409 });
    await expect(second).resolves.toEqual([]);
  });

  it('offset confirms, negative offsets keep the tail, and updates expire after 24 h', async () => {
    const t = bot().telegram;
    for (const text of ['a', 'b', 'c']) emu.control.send({ from: ANNA, text });
    const all = await t.getUpdates(0, 100, 0, []);
    expect(all.map((u: any) => u.message.text)).toEqual(['a', 'b', 'c']);
    expect((await t.getUpdates(0, 1, all[1].update_id, [])).map((u) => u.update_id)).toEqual([
      all[1].update_id,
    ]);
    expect((await t.getUpdates(0, 100, -1, [])).map((u) => u.update_id)).toEqual([all[2].update_id]);

    emu.control.advanceClock(24 * 3600 * 1000 + 1000);
    expect(await t.getUpdates(0, 100, 0, [])).toEqual([]);
  });

  it('speaks form-encoded POST and GET query strings; 401 for unknown tokens, 404 for unknown methods', async () => {
    emu.control.send({ from: ANNA, text: 'hi' });
    const form = await fetch(`${emu.apiRoot}bot${DEFAULT_BOT_TOKEN}/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        chat_id: '555',
        text: 'form',
        reply_parameters: JSON.stringify({ message_id: 1 }),
      }),
    });
    expect(form.status).toBe(200);
    expect(((await form.json()) as any).result.reply_to_message.message_id).toBe(1);

    const get = await fetch(`${emu.apiRoot}bot${DEFAULT_BOT_TOKEN}/getChat?chat_id=555`);
    expect(((await get.json()) as any).result).toMatchObject({ id: 555, type: 'private' });

    const wrong = await fetch(`${emu.apiRoot}bot1:nope/getMe`);
    expect(wrong.status).toBe(401);
    expect((await wrong.json()) as any).toEqual({ ok: false, error_code: 401, description: 'Unauthorized' });
    const unknown = await fetch(`${emu.apiRoot}bot${DEFAULT_BOT_TOKEN}/sendTeleportation`, {
      method: 'POST',
    });
    expect(unknown.status).toBe(404);
  });

  it('Bot API errors: reply not found, chat not found, parameters.retry_after on 429', async () => {
    const t = bot().telegram;
    emu.control.send({ from: ANNA, text: 'hi' });
    await expect(t.sendMessage(555, 'x', { reply_parameters: { message_id: 99 } })).rejects.toMatchObject({
      code: 400,
      description: 'Bad Request: message to be replied not found',
    });
    await expect(t.sendMessage(-1, 'x')).rejects.toMatchObject({
      code: 400,
      description: 'Bad Request: chat not found',
    });
    emu.control.addFault({
      match: { method: 'sendMessage' },
      times: 1,
      action: { type: 'api_error', code: 429, retry_after: 3 },
    });
    await expect(t.sendMessage(555, 'x')).rejects.toMatchObject({
      code: 429,
      parameters: { retry_after: 3 },
    });
  });

  it('bot-side methods: chats, members, admins, edit, delete, reactions, chat actions', async () => {
    brandChannel(emu);
    const t = bot().telegram;
    expect(await t.getChat(CHANNEL)).toMatchObject({ type: 'channel', linked_chat_id: DISCUSSION });
    expect(await t.getChat(DISCUSSION)).toMatchObject({ type: 'supergroup', linked_chat_id: CHANNEL });
    const { message } = emu.control.send({ chat_id: DISCUSSION, from: OLEG, text: 'вопрос' });
    expect(await t.getChatMember(DISCUSSION, OLEG.id)).toMatchObject({
      status: 'member',
      user: { id: OLEG.id },
    });
    expect((await t.getChatAdministrators(DISCUSSION)).map((m) => m.user.id)).toEqual([7000001]);
    const sent = await t.sendMessage(DISCUSSION, 'ответ');
    const edited = (await t.editMessageText(DISCUSSION, sent.message_id, undefined, 'ответ v2')) as any;
    expect(edited.text).toBe('ответ v2');
    await expect(t.editMessageText(DISCUSSION, message.message_id, undefined, 'чужое')).rejects.toMatchObject(
      { code: 400 },
    );
    expect(await t.setMessageReaction(DISCUSSION, message.message_id, [{ type: 'emoji', emoji: '👍' }])).toBe(
      true,
    );
    expect(await t.sendChatAction(DISCUSSION, 'typing')).toBe(true);
    expect(await t.deleteMessage(DISCUSSION, sent.message_id)).toBe(true);
    expect(emu.control.outbox().map((o) => o.method)).toEqual([
      'sendMessage',
      'editMessageText',
      'setMessageReaction',
      'deleteMessage',
    ]);
  });

  it('a channel post by the bot is forwarded to the discussion group', async () => {
    brandChannel(emu);
    const post = await bot().telegram.sendMessage(CHANNEL, 'Акция!');
    const forward = [...emu.state.chats.get(DISCUSSION)!.messages.values()][0];
    expect(forward).toMatchObject({
      is_automatic_forward: true,
      from: { id: 777000 },
      forward_origin: { type: 'channel', message_id: post.message_id },
    });
  });

  it('the HTTP control API injects, reads the outbox and resets', async () => {
    const post = async (path: string, body: unknown): Promise<any> => {
      const res = await fetch(`${emu.url}/__control/${path}`, { method: 'POST', body: JSON.stringify(body) });
      return res.json();
    };
    await post('chats', { id: -5, type: 'group', title: 'g' });
    await post(`bots/${encodeURIComponent(DEFAULT_BOT_TOKEN)}/privacy`, { enabled: false });
    const sent = await post('send', { chat_id: -5, from: OLEG, text: 'всем привет' });
    expect(sent.updateIds).toHaveLength(1); // privacy off: the bot sees plain group messages
    await bot().telegram.sendMessage(-5, 'и вам');
    const outbox = await fetch(`${emu.url}/__control/outbox?chat_id=-5`).then(
      (r) => r.json() as Promise<any>,
    );
    expect(outbox.map((o: any) => o.text)).toEqual(['и вам']);
    expect((await post('faults', { match: { method: 'getMe' }, action: { type: 'reset' } })).id).toBe(1);
    await post('reset', {});
    const state = await fetch(`${emu.url}/__control/state`).then((r) => r.json() as Promise<any>);
    expect(state.chats).toEqual([]);
    expect(state.outbox).toBe(0);
  });

  it('a webhook answer {"method": ...} runs as an API call', async () => {
    const http = await import('node:http');
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ method: 'sendMessage', chat_id: 555, text: 'inline answer' }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const port = (server.address() as any).port;
      await bot().telegram.setWebhook(`http://127.0.0.1:${port}/`);
      emu.control.send({ from: ANNA, text: 'hi' });
      await waitFor(() => emu.control.outbox().length === 1);
      expect(emu.control.outbox()[0].text).toBe('inline answer');
    } finally {
      server.close();
    }
  });

  it('gotcha 4 reproduced: telegraf launch() confirms a batch whose handler failed', async () => {
    const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const b = bot();
    b.on('message', () => {
      throw new Error('db down');
    });
    emu.control.send({ from: ANNA, text: 'lost' });
    await expect(b.launch()).rejects.toThrow('db down');
    expect(emu.state.bot().queue).toEqual([]); // the failed update is gone from the server
    quiet.mockRestore();
  });
});
