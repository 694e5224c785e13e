/**
 * Issue 8, point 10: a failed reply never takes its source down. Replying to a VK photo comment
 * needs an administrator's user token, which this source lacks: the reply fails with the reason,
 * and the source stays healthy and keeps receiving. Only errors about the source's own token or access (VK 5, 27, ...) change its health.
 */
import { PushReceivers } from '../../src/sources/push-receivers.service';
import {
  assertInvariants,
  GROUP_ID,
  item,
  sourceView,
  startWorld,
  until,
  vkMessage,
  waitForItems,
  World,
} from '../e2e/harness';

describe('a failed reply and its source', () => {
  let w: World;

  beforeAll(async () => {
    w = await startWorld();
  });
  afterEach(async () => {
    w.vk.control.clearFaults();
    await assertInvariants(w);
  });
  afterAll(() => w?.close());

  const running = () => w.app!.app.get(PushReceivers).runningSources();

  async function replyAndSettle(conversationId: string, text: string): Promise<any> {
    const r = await w.admin.post(`/api/conversations/${conversationId}/replies`, { text });
    expect(r.status).toBe(202);
    let body: any;
    await until(
      async () =>
        !['queued', 'sending'].includes(
          (body = (await w.admin.get(`/api/replies/${r.body.id}`)).body).status,
        ),
      10_000,
      'the reply to settle',
      100,
    );
    return body;
  }

  it('a reply to a VK photo comment fails with the reason; the source stays healthy and receiving', async () => {
    const photo = w.vk.control.photoComment({
      ownerId: -GROUP_ID,
      photoId: 456,
      fromId: 5,
      text: 'где купить?',
    });
    const key = `photo_comment:-${GROUP_ID}_456_${photo.id}`;
    if (!w.expected.has(w.vkSourceId)) w.expected.set(w.vkSourceId, new Set());
    w.expected.get(w.vkSourceId)!.add(key);
    await waitForItems(w, w.vkSourceId, [key]);
    const conversation = (await item(w, w.vkSourceId, key))!.conversation_id;

    const reply = await replyAndSettle(conversation, 'В любом салоне «Акме».');
    expect(reply.status).toBe('failed');
    expect(w.vk.control.outbox()).toEqual([]);
    const view = await sourceView(w, w.vkSourceId);
    expect(view).toMatchObject({ status: 'healthy', lastErrorCode: null });
    // The source has no user token of an administrator: the reason says what to add.
    expect(reply.lastError).toMatch(
      /^unsupported: Replying to photo comments needs a user token of a community administrator with the "photos" access right/,
    );
    // The next scan keeps the Long Poll receiver, and new customer messages still arrive.
    await w.rescan();
    expect(running()).toContain(w.vkSourceId);
    const dm = vkMessage(w, 6, 'а мне ответите?');
    await waitForItems(w, w.vkSourceId, [dm.key]);
  });

  it('a reply refused for the token itself (VK error 27) still tells the source', async () => {
    const dm = vkMessage(w, 7, 'ответьте в личку');
    await waitForItems(w, w.vkSourceId, [dm.key]);
    const conversation = (await item(w, w.vkSourceId, dm.key))!.conversation_id;
    w.vk.control.fault({
      match: { method: 'messages.send' },
      times: 1,
      action: {
        type: 'api_error',
        code: 27,
        msg: 'Group authorization failed: method is unavailable with group auth.',
      },
    });
    const reply = await replyAndSettle(conversation, 'Отвечаем!');
    expect(reply.status).toBe('failed');
    const view = await sourceView(w, w.vkSourceId);
    expect(view).toMatchObject({ status: 'needs_attention', lastErrorCode: 'configuration' });
    // A person re-verifies: healthy again, and the receiver is back.
    expect((await w.admin.post(`/api/sources/${w.vkSourceId}/verify`)).status).toBe(200);
    await w.rescan();
    await until(() => running().includes(w.vkSourceId), 5000, 'the VK receiver to start again');
  });
});
