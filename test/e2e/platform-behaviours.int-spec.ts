/**
 * Real platform behaviours the emulators now produce, through the whole app (ingest, threading,
 * the inbox, the outbox): VK group chats with `id: 0`, a Telegram supergroup reply chain, and
 * Telegram Business echoes.
 */
import {
  assertInvariants,
  item,
  startWorld,
  tgMessage,
  until,
  vkChatMessage,
  waitForItems,
  World,
} from './harness';

const CHAT_PEER = 2_000_000_001;
const SUPERGROUP = -1005001;

describe('e2e: VK chats, Telegram supergroup replies and business echoes', () => {
  let w: World;

  beforeAll(async () => {
    w = await startWorld();
  });
  afterEach(() => assertInvariants(w));
  afterAll(() => w?.close());

  async function reply(conversationId: string, text: string): Promise<any> {
    const r = await w.admin.post(`/api/conversations/${conversationId}/replies`, { text });
    expect(r.status).toBe(202);
    let body: any;
    await until(
      async () => {
        body = (await w.admin.get(`/api/replies/${r.body.id}`)).body;
        return body.status !== 'queued' && body.status !== 'sending';
      },
      10_000,
      'the reply to settle',
      100,
    );
    return body;
  }

  it('VK chat messages (id 0) are stored one per message and answered once into the chat', async () => {
    const sent = [
      vkChatMessage(w, 1, 5, 'всем привет, у кого тоже нет интернета?'),
      vkChatMessage(w, 1, 6, 'у меня с утра нет'),
      vkChatMessage(w, 1, 5, 'в Химках тоже'),
    ];
    await waitForItems(
      w,
      w.vkSourceId,
      sent.map((s) => s.key),
    );
    const asked = (await item(w, w.vkSourceId, sent[1].key))!;
    const done = await reply(asked.conversation_id, 'Авария на линии, чиним — к обеду заработает.');
    expect(done.status).toBe('delivered');
    const out = w.vk.control.outbox({ method: 'messages.send' });
    expect(out).toHaveLength(1);
    expect(out[0].params).toMatchObject({ peer_ids: String(CHAT_PEER) });
    expect(JSON.parse(out[0].params.forward)).toMatchObject({ conversation_message_ids: [sent[1].cmid] });
    expect(done.platformMessageId).toBe(`chat_message:${CHAT_PEER}_4`);
    // Two people in one chat are two conversations; the reply joined the one it answers.
    const [outbound] = await w.sql(
      `SELECT conversation_id FROM items WHERE source_id = $1 AND direction = 'outbound' AND external_id = $2`,
      [w.vkSourceId, done.platformMessageId],
    );
    expect(outbound.conversation_id).toBe(asked.conversation_id);
    expect((await item(w, w.vkSourceId, sent[0].key))!.conversation_id).not.toBe(asked.conversation_id);
  });

  it('a Telegram supergroup reply chain stays one conversation per person, and is answered without a thread id', async () => {
    w.tg.control.upsertChat({
      id: SUPERGROUP,
      type: 'supergroup',
      title: 'Acme Fans',
      bot_status: 'administrator',
    });
    const anna = { id: 701, first_name: 'Anna' };
    const root = tgMessage(w, anna, 'роутер мигает красным', SUPERGROUP);
    const { message: other } = w.tg.control.send({
      chat_id: SUPERGROUP,
      from: { id: 702, first_name: 'Oleg' },
      text: 'перезагрузи',
      reply_to_message_id: root.message.message_id,
    });
    w.expected.get(w.tgSourceId)!.add(`${SUPERGROUP}:${other.message_id}`);
    const { message: again } = w.tg.control.send({
      chat_id: SUPERGROUP,
      from: anna,
      text: 'не помогло',
      reply_to_message_id: other.message_id,
    });
    const againKey = `${SUPERGROUP}:${again.message_id}`;
    w.expected.get(w.tgSourceId)!.add(againKey);
    expect(again.message_thread_id).toBe(root.message.message_id);
    await waitForItems(w, w.tgSourceId, [root.key, againKey]);
    const first = (await item(w, w.tgSourceId, root.key))!;
    const second = (await item(w, w.tgSourceId, againKey))!;
    expect(second.conversation_id).toBe(first.conversation_id); // not split by message_thread_id
    const done = await reply(second.conversation_id, 'Напишите номер договора, проверим линию.');
    expect(done.status).toBe('delivered');
    const [sent] = w.tg.control.outbox({ chat_id: SUPERGROUP });
    expect(sent.params.message_thread_id).toBeUndefined();
  });

  it('a Telegram Business echo of our own answer is never stored as a customer item', async () => {
    w.tg.control.connectBusiness({ id: 'bc-e2e', user: { id: 990, first_name: 'Owner' } });
    const ivan = { id: 703, first_name: 'Ivan' };
    w.tg.control.businessMessage({
      business_connection_id: 'bc-e2e',
      from: ivan,
      text: 'доставка сегодня будет?',
    });
    const key = `${ivan.id}:1`;
    w.expected.get(w.tgSourceId)!.add(key);
    await waitForItems(w, w.tgSourceId, [key]);
    const asked = (await item(w, w.tgSourceId, key))!;
    const done = await reply(asked.conversation_id, 'Да, курьер будет после 18:00.');
    expect(done.status).toBe('delivered');
    w.tg.control.businessMessage({ business_connection_id: 'bc-e2e', from: ivan, text: 'спасибо' });
    w.expected.get(w.tgSourceId)!.add(`${ivan.id}:3`);
    await waitForItems(w, w.tgSourceId, [`${ivan.id}:3`]);
    // The echo (message 2, sender_business_bot) reached the bot but is no item at all: the reply's
    // own outbound row is the only record of it. assertInvariants checks no stray inbound item.
    const rows = await w.sql(
      `SELECT external_id, direction FROM items WHERE source_id = $1 AND external_id LIKE $2`,
      [w.tgSourceId, `${ivan.id}:%`],
    );
    expect(
      rows
        .filter((r: any) => r.direction === 'inbound')
        .map((r: any) => r.external_id)
        .sort(),
    ).toEqual([`${ivan.id}:1`, `${ivan.id}:3`]);
  });
});
