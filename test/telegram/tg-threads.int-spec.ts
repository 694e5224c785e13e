/**
 * What Telegram really sends in groups and business chats, with the real telegraf client:
 * supergroup reply chains (message_thread_id without is_topic_message), forum topics whose
 * messages "reply" to the forum_topic_created message, and Telegram Business echoes.
 */
import { TelegramConnector } from '../../src/connectors/telegram';
import { DEFAULT_BOT_TOKEN, TelegramEmulator, startTelegramEmulator } from '../../src/emulators/telegram';
import { ANNA, Inbox, OLEG, telegramSource, waitFor } from './support';

const GROUP = -1002003;
const FORUM = -1002004;
const IVAN = { id: 557, first_name: 'Ivan' };
const OWNER = { id: 900, first_name: 'Shop owner' };

describe('Telegram threads and echoes', () => {
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

  async function receive(inbox: Inbox) {
    stops.push(await connector.receive(telegramSource(emu), inbox.emit));
  }
  const answer = (row: Inbox['rows'] extends Map<string, infer R> ? R : never, text: string) =>
    connector.send(telegramSource(emu), {
      replyId: `r-${row.externalId}`,
      text,
      inReplyTo: {
        externalId: row.externalId,
        threadExternalId: row.threadExternalId,
        kind: row.kind,
        raw: row.raw,
      },
    });

  it('the emulator threads supergroup replies as Telegram does: the chain root’s id, no is_topic_message', () => {
    emu.control.upsertChat({ id: GROUP, type: 'supergroup', title: 'Fans', bot_status: 'administrator' });
    const root = emu.control.send({ chat_id: GROUP, from: OLEG, text: 'у кого не грузится?' }).message;
    const r1 = emu.control.send({
      chat_id: GROUP,
      from: ANNA,
      text: 'у меня',
      reply_to_message_id: root.message_id,
    });
    const r2 = emu.control.send({
      chat_id: GROUP,
      from: OLEG,
      text: 'и давно?',
      reply_to_message_id: r1.message.message_id,
    });
    expect(root.message_thread_id).toBeUndefined();
    expect(r1.message).toMatchObject({ message_thread_id: root.message_id });
    expect(r2.message).toMatchObject({ message_thread_id: root.message_id });
    expect(r2.message.is_topic_message).toBeUndefined();
  });

  it('a supergroup reply chain stays one conversation thread, and the answer sends no message_thread_id', async () => {
    emu.control.upsertChat({ id: GROUP, type: 'supergroup', title: 'Fans', bot_status: 'administrator' });
    const inbox = new Inbox();
    await receive(inbox);
    const root = emu.control.send({ chat_id: GROUP, from: OLEG, text: 'у кого не грузится?' }).message;
    const r1 = emu.control.send({
      chat_id: GROUP,
      from: ANNA,
      text: 'у меня тоже',
      reply_to_message_id: root.message_id,
    }).message;
    emu.control.send({ chat_id: GROUP, from: OLEG, text: 'и давно?', reply_to_message_id: r1.message_id });
    await waitFor(() => inbox.rows.size === 3, 5000, 'three group messages');
    expect(new Set([...inbox.rows.values()].map((r) => r.threadExternalId))).toEqual(
      new Set([String(GROUP)]),
    );
    expect([...inbox.rows.values()].every((r) => r.kind === 'message')).toBe(true);
    const row = inbox.rows.get(`${GROUP}:${r1.message_id}`)!;
    expect(row.parentExternalId).toBe(`${GROUP}:${root.message_id}`);
    await answer(row, 'Уже чиним');
    const [sent] = emu.control.outbox({ method: 'sendMessage' });
    expect(sent.params.message_thread_id).toBeUndefined();
    expect(sent.params).toMatchObject({ reply_parameters: { message_id: r1.message_id } });
  });

  it('the emulator refuses a message_thread_id that names no thread, as Telegram does', async () => {
    emu.control.upsertChat({ id: GROUP, type: 'supergroup', title: 'Fans', bot_status: 'administrator' });
    const root = emu.control.send({ chat_id: GROUP, from: OLEG, text: 'root' }).message;
    emu.control.send({ chat_id: GROUP, from: ANNA, text: 'reply', reply_to_message_id: root.message_id });
    const telegram = (await import('telegraf')).Telegraf;
    const client = new telegram(DEFAULT_BOT_TOKEN, { telegram: { apiRoot: emu.apiRoot } }).telegram;
    await expect(
      client.sendMessage(GROUP, 'x', { message_thread_id: root.message_id } as never),
    ).rejects.toMatchObject({
      response: { error_code: 400, description: 'Bad Request: message thread not found' },
    });
  });

  it('forum topics: a message "replying" to forum_topic_created has no parent; the answer goes into the topic', async () => {
    emu.control.upsertChat({
      id: FORUM,
      type: 'supergroup',
      title: 'Acme Support',
      is_forum: true,
      bot_status: 'administrator',
    });
    const inbox = new Inbox();
    await receive(inbox);
    const topic = emu.control.createTopic({ chat_id: FORUM, name: 'Доставка', from: OLEG }).message;
    const asked = emu.control.send({
      chat_id: FORUM,
      from: ANNA,
      text: 'где курьер?',
      message_thread_id: topic.message_id,
    }).message;
    expect(asked.reply_to_message).toMatchObject({
      message_id: topic.message_id,
      forum_topic_created: { name: 'Доставка' },
    });
    await waitFor(() => inbox.rows.size === 1, 5000, 'the topic message');
    const row = inbox.rows.get(`${FORUM}:${asked.message_id}`)!;
    expect(row).toMatchObject({ threadExternalId: `${FORUM}:topic:${topic.message_id}` });
    expect(row.parentExternalId).toBeUndefined();
    await answer(row, 'Уже едет');
    const [sent] = emu.control.outbox({ method: 'sendMessage' });
    expect(sent.params).toMatchObject({ message_thread_id: topic.message_id });
    const stored = emu.state.chats.get(FORUM)!.messages.get(sent.messageId!)!;
    expect(stored).toMatchObject({ message_thread_id: topic.message_id, is_topic_message: true });
  });

  it('Telegram Business: the bot’s echoed answer and the owner’s own message are never customer items', async () => {
    emu.control.connectBusiness({ id: 'bc1', user: OWNER });
    const inbox = new Inbox();
    await receive(inbox);
    emu.control.businessMessage({ business_connection_id: 'bc1', from: IVAN, text: 'есть в наличии?' });
    await waitFor(() => inbox.rows.size === 1, 5000, 'the customer message');
    const asked = inbox.rows.get(`${IVAN.id}:1`)!;
    await answer(asked, 'Да, есть');
    emu.control.businessOwnerMessage({
      business_connection_id: 'bc1',
      chat_id: IVAN.id,
      text: 'Могу отложить',
    });
    emu.control.businessMessage({ business_connection_id: 'bc1', from: IVAN, text: 'спасибо' });
    await waitFor(() => inbox.rows.has(`${IVAN.id}:4`), 5000, 'the last customer message');
    // Every business_message reached the bot, the echo of our own answer included …
    const delivered = emu.control.requests({ method: 'getUpdates' }).length;
    expect(delivered).toBeGreaterThan(0);
    // … but only the customer wrote customer items; the owner's message is the brand's; ours is not stored.
    const customer = [...inbox.rows.values()].filter((r) => !r.author.isBrand).map((r) => r.text);
    expect(customer.sort()).toEqual(['есть в наличии?', 'спасибо']);
    expect(inbox.rows.has(`${IVAN.id}:2`)).toBe(false);
    expect(inbox.rows.get(`${IVAN.id}:3`)).toMatchObject({ author: { externalId: '900', isBrand: true } });
  });
});
