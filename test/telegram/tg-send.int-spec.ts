import { ConnectorError, OutgoingReply } from '../../src/connectors/connector';
import { TelegramConnector } from '../../src/connectors/telegram';
import { TelegramEmulator, startTelegramEmulator } from '../../src/emulators/telegram';
import { ANNA, CHANNEL, DISCUSSION, Inbox, OLEG, brandChannel, telegramSource, waitFor } from './support';

describe('Telegram send: replies through telegraf against the emulator', () => {
  let emu: TelegramEmulator;
  const connector = new TelegramConnector({ sendTimeoutMs: 2000 });

  beforeEach(async () => {
    emu = await startTelegramEmulator({ maxHoldMs: 200 });
  });
  afterEach(() => emu.stop());

  function replyTo(
    msg: any,
    kind: OutgoingReply['inReplyTo']['kind'] = 'message',
    text = 'Спасибо, проверим!',
  ) {
    return {
      replyId: 'reply-1',
      text,
      inReplyTo: {
        externalId: `${msg.chat.id}:${msg.message_id}`,
        threadExternalId: String(msg.chat.id),
        kind,
        raw: msg,
      },
    };
  }

  async function sendError(p: Promise<unknown>): Promise<ConnectorError> {
    const err = await p.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ConnectorError);
    return err as ConnectorError;
  }

  it('verify() names the bot; a wrong token is auth_revoked', async () => {
    await expect(connector.verify(telegramSource(emu))).resolves.toEqual({ accountName: '@otklik_care_bot' });
    const err = await sendError(
      connector.verify(telegramSource(emu, { credentials: { botToken: '1:revoked' } })),
    );
    expect(err.code).toBe('auth_revoked');
  });

  it('replies in a private chat quoting the message', async () => {
    const { message } = emu.control.send({ from: ANNA, text: 'не приходит код' });
    const result = await connector.send(telegramSource(emu), replyTo(message));
    const [sent] = emu.control.outbox();
    expect(result.platformMessageId).toBe(`555:${sent.messageId}`);
    expect(sent.params).toEqual({
      chat_id: 555,
      text: 'Спасибо, проверим!',
      reply_parameters: { message_id: message.message_id, allow_sending_without_reply: true },
    });
  });

  it('answers a channel comment inside its discussion thread', async () => {
    brandChannel(emu);
    const { post, forward } = emu.control.channelPost({ chat_id: CHANNEL, text: 'Релиз 2.0' });
    const c = emu.control.comment({
      channel_id: CHANNEL,
      post_id: post.message_id,
      from: OLEG,
      text: 'а Android?',
    });
    await connector.send(telegramSource(emu), replyTo(c.message, 'comment', 'На следующей неделе'));
    const [sent] = emu.control.outbox();
    expect(sent).toMatchObject({ chatId: DISCUSSION, text: 'На следующей неделе' });
    expect(sent.params).toMatchObject({
      message_thread_id: forward!.message_id,
      reply_parameters: { message_id: c.message.message_id, allow_sending_without_reply: true },
    });
    const stored = emu.state.chats.get(DISCUSSION)!.messages.get(sent.messageId!)!;
    expect(stored.message_thread_id).toBe(forward!.message_id);
    expect(stored.reply_to_message?.message_id).toBe(c.message.message_id);
  });

  it('still delivers when the quoted message was deleted (allow_sending_without_reply)', async () => {
    const { message } = emu.control.send({ from: ANNA, text: 'удалю потом' });
    emu.state.chats.get(555)!.deleted.add(message.message_id);
    await connector.send(telegramSource(emu), replyTo(message));
    expect(emu.control.outbox()).toHaveLength(1);
  });

  it('T7: 429 waits retry_after and delivers exactly once', async () => {
    const { message } = emu.control.send({ from: ANNA, text: 'ответьте' });
    emu.control.addFault({
      match: { method: 'sendMessage' },
      times: 1,
      action: { type: 'api_error', code: 429, retry_after: 1 },
    });
    await connector.send(telegramSource(emu), replyTo(message));
    const calls = emu.control.requests({ method: 'sendMessage' });
    expect(calls.map((c) => c.status)).toEqual([429, 200]);
    expect(calls[1].at - calls[0].at).toBeGreaterThanOrEqual(1000);
    expect(emu.control.outbox()).toHaveLength(1);
  });

  it('T7: the emulator’s own per-chat limit (burst 3) is waited out, one delivery per reply', async () => {
    emu.control.setLimits(true);
    const { message } = emu.control.send({ from: ANNA, text: 'много вопросов' });
    for (let i = 0; i < 4; i++)
      await connector.send(telegramSource(emu), replyTo(message, 'message', `ответ ${i}`));
    expect(emu.control.outbox().map((o) => o.text)).toEqual(['ответ 0', 'ответ 1', 'ответ 2', 'ответ 3']);
    expect(
      emu.control.requests({ method: 'sendMessage' }).filter((r) => r.status === 429).length,
    ).toBeGreaterThan(0);
  });

  it('T8: a reset after the server committed is unknown_outcome and is not resent', async () => {
    const { message } = emu.control.send({ from: ANNA, text: 'ответьте' });
    emu.control.addFault({
      match: { method: 'sendMessage' },
      times: 1,
      action: { type: 'commit_then_reset' },
    });
    const err = await sendError(connector.send(telegramSource(emu), replyTo(message)));
    expect(err.code).toBe('unknown_outcome');
    await new Promise((r) => setTimeout(r, 300));
    expect(emu.control.outbox()).toHaveLength(1);
    expect(emu.control.requests({ method: 'sendMessage' })).toHaveLength(1);
  });

  it('T8: no answer before the send timeout is unknown_outcome too', async () => {
    const fast = new TelegramConnector({ sendTimeoutMs: 300 });
    const { message } = emu.control.send({ from: ANNA, text: 'ответьте' });
    emu.control.addFault({
      match: { method: 'sendMessage' },
      times: 1,
      action: { type: 'commit_then_delay', ms: 1000 },
    });
    const err = await sendError(fast.send(telegramSource(emu), replyTo(message)));
    expect(err.code).toBe('unknown_outcome');
    expect(emu.control.outbox()).toHaveLength(1);
    expect(emu.control.requests({ method: 'sendMessage' })).toHaveLength(1);
  });

  it('maps 5xx to unknown_outcome (ambiguous), blocked to rejected, a dead server to temporary', async () => {
    const { message } = emu.control.send({ from: ANNA, text: 'ответьте' });
    emu.control.addFault({
      match: { method: 'sendMessage' },
      times: 1,
      action: { type: 'http', status: 502 },
    });
    // A gateway error looks the same whether or not the message was posted: never a blind resend.
    expect((await sendError(connector.send(telegramSource(emu), replyTo(message)))).code).toBe(
      'unknown_outcome',
    );

    emu.control.block({ user_id: ANNA.id });
    const blocked = await sendError(connector.send(telegramSource(emu), replyTo(message)));
    expect(blocked.code).toBe('rejected');
    expect(blocked.message).toContain('bot was blocked by the user');

    const revoked = telegramSource(emu, { credentials: { botToken: '999:gone' } });
    expect((await sendError(connector.send(revoked, replyTo(message)))).code).toBe('auth_revoked');
    expect(emu.control.outbox()).toHaveLength(0);

    const url = emu.apiRoot;
    await emu.stop();
    await new Promise((r) => setTimeout(r, 100)); // let the client notice its pooled sockets closed
    const down = await sendError(connector.send(telegramSource({ ...emu, apiRoot: url }), replyTo(message)));
    expect(down.code).toBe('temporary');
    emu = await startTelegramEmulator(); // afterEach stops it
  });

  it('rejects a reply to an unknown chat', async () => {
    const fake = { chat: { id: -42 }, message_id: 1 };
    const err = await sendError(connector.send(telegramSource(emu), replyTo(fake)));
    expect(err.code).toBe('rejected');
    expect(err.message).toContain('chat not found');
  });
});

describe('Telegram Business chats', () => {
  it('receives business_message and answers through the business connection', async () => {
    const emu = await startTelegramEmulator({ maxHoldMs: 200 });
    const connector = new TelegramConnector();
    const stops: (() => Promise<void>)[] = [];
    try {
      emu.control.connectBusiness({ id: 'bc1', user: { id: 900, first_name: 'Shop owner' } });
      const inbox = new Inbox();
      stops.push(await connector.receive(telegramSource(emu), inbox.emit));
      emu.control.businessMessage({
        business_connection_id: 'bc1',
        from: { id: 557, first_name: 'Ivan' },
        text: 'есть в наличии?',
      });
      await waitFor(() => inbox.rows.size === 1);
      const row = inbox.rows.get('557:1')!;
      expect(row).toMatchObject({ kind: 'message', threadExternalId: '557', author: { externalId: '557' } });
      await connector.send(telegramSource(emu), {
        replyId: 'r-b',
        text: 'Да, есть',
        inReplyTo: {
          externalId: row.externalId,
          threadExternalId: row.threadExternalId,
          kind: row.kind,
          raw: row.raw,
        },
      });
      const [sent] = emu.control.outbox();
      expect(sent.params).toMatchObject({ business_connection_id: 'bc1', chat_id: 557 });
      expect(emu.state.businessChats.get('bc1:557')!.messages.get(sent.messageId!)!.from!.id).toBe(900);
    } finally {
      for (const stop of stops) await stop();
      await emu.stop();
    }
  });
});
