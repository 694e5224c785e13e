/**
 * VK group chats (peer_id ≥ 2000000001) with the real vk-io client: a community gets `id: 0` for
 * every chat message (vk-io #308, #378; VKCOM/vk-api-schema #40), so chat messages are keyed by
 * conversation_message_id — through Long Poll, reconciliation and replies.
 */
import { VkConnector } from '../../src/connectors/vk';
import { GROUP_ID, MemoryIngest, startVkFixture, VkFixture, waitFor } from './support';

const CHAT = 2_000_000_001;

describe('VK group chats', () => {
  let fx: VkFixture;
  let connector: VkConnector;
  let stop: (() => Promise<void>) | undefined;

  beforeEach(async () => {
    fx = await startVkFixture();
    connector = new VkConnector();
  });
  afterEach(async () => {
    await stop?.();
    stop = undefined;
    await connector.close();
    await fx.emu.stop();
  });

  it('the emulator answers chat messages as VK does: id 0, a conversation_message_id, a chat peer', async () => {
    const c = fx.emu.control;
    const m = c.chatMessage({ groupId: GROUP_ID, chatId: 1, fromId: 5, text: 'всем привет' });
    expect(m).toMatchObject({ id: 0, peer_id: CHAT, conversation_message_id: 1 });
    const res = await fetch(`${fx.emu.apiBaseUrl}/messages.getConversations`, {
      method: 'POST',
      body: new URLSearchParams({ access_token: fx.groupToken, v: '5.199' }),
    });
    const { response } = (await res.json()) as any;
    expect(response.items[0].conversation).toMatchObject({
      peer: { id: CHAT, type: 'chat', local_id: 1 },
      last_conversation_message_id: 1,
    });
    expect(response.items[0].last_message.id).toBe(0);
  });

  it('Long Poll: every chat message is stored once under its conversation_message_id', async () => {
    const c = fx.emu.control;
    const ingest = new MemoryIngest();
    const reasons: string[] = [];
    stop = await connector.receive(fx.source(), ingest.emit, {
      onReconciled: (_r, why) => reasons.push(why),
    });
    await waitFor(() => reasons.includes('start'), 3000, 'the start-up reconciliation');
    for (let i = 1; i <= 5; i++)
      c.chatMessage({ groupId: GROUP_ID, chatId: 1, fromId: 100 + (i % 2), text: `в беседе ${i}` });
    c.message({ groupId: GROUP_ID, fromId: 7, text: 'в личке' });
    await waitFor(() => ingest.items.size === 6, 3000, 'five chat messages and a DM');
    for (let i = 1; i <= 5; i++)
      expect(ingest.items.get(`chat_message:${CHAT}_${i}`)).toMatchObject({
        kind: 'message',
        threadExternalId: `chat:${CHAT}`,
        text: `в беседе ${i}`,
        author: { externalId: String(100 + (i % 2)) },
      });
    expect(ingest.items.get('message:7_6')).toMatchObject({ threadExternalId: 'dm:7' });
  });

  it('reconciliation reads chats from a conversation_message_id watermark (a Long Poll gap loses nothing)', async () => {
    const c = fx.emu.control;
    c.chatMessage({ groupId: GROUP_ID, chatId: 1, fromId: 5, text: 'раз' });
    c.chatMessage({ groupId: GROUP_ID, chatId: 1, fromId: 6, text: 'два' });
    const ingest = new MemoryIngest();
    await ingest.emit(await connector.fetch(fx.source()));
    expect(ingest.texts()).toEqual(['два', 'раз']);
    expect(ingest.cursors[`peer:${CHAT}`]).toBe(2);
    for (let i = 0; i < 3; i++) c.chatMessage({ groupId: GROUP_ID, chatId: 1, fromId: 5, text: `ещё ${i}` });
    const again = await connector.fetch(fx.source({ cursors: ingest.cursors }));
    expect(again.items.map((i) => i.externalId)).toEqual(
      expect.arrayContaining([3, 4, 5].map((n) => `chat_message:${CHAT}_${n}`)),
    );
    expect(again.items).toHaveLength(3);
    await ingest.emit(again);
    const idle = await connector.fetch(fx.source({ cursors: ingest.cursors }));
    expect(idle.items).toHaveLength(0);
  });

  it('a reply into the chat quotes the message and records its conversation_message_id, once', async () => {
    const c = fx.emu.control;
    c.chatMessage({ groupId: GROUP_ID, chatId: 1, fromId: 5, text: 'первое' });
    const asked = c.chatMessage({ groupId: GROUP_ID, chatId: 1, fromId: 6, text: 'где мой заказ?' });
    c.fault({
      match: { method: 'messages.send' },
      times: 1,
      action: { type: 'commit_then_delay', ms: 1500 },
    });
    const reply = {
      replyId: 'c0ffee00-0000-4000-8000-000000000003',
      text: 'Уже проверяем',
      inReplyTo: {
        externalId: `chat_message:${CHAT}_${asked.conversation_message_id}`,
        threadExternalId: `chat:${CHAT}`,
        kind: 'message' as const,
      },
    };
    const sent = await connector.send(fx.source(), reply);
    expect(sent.platformMessageId).toBe(`chat_message:${CHAT}_3`);
    expect(await connector.send(fx.source(), reply)).toEqual(sent); // same random_id, same answer
    const out = c.state.conversation(GROUP_ID, CHAT).messages.filter((m) => m.out);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ id: 0, conversation_message_id: 3 });
    expect(out[0].reply_message).toMatchObject({ conversation_message_id: 2, from_id: 6 });
  });
});
