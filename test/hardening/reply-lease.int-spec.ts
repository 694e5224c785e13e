/**
 * Issue 8, point 8 (the other half): the short `sending` lease only catches dead workers. A live
 * worker renews it every few seconds while the platform call runs, so a slow send is never
 * recovered (and sent again) behind its back.
 */
import { LEASE_HEARTBEAT_MS } from '../../src/replies/delivery-policy';
import { ReplySweepService } from '../../src/replies/reply-sweep.service';
import { item, startWorld, until, vkMessage, waitForItems, World } from '../e2e/harness';

describe('the sending lease of a live worker', () => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld({ vkSettings: { apiTimeoutMs: 30_000, callDeadlineMs: 40_000 } });
  });
  afterAll(() => w?.close());

  it('a send slower than the lease is renewed by its heartbeat, not swept, and delivered once', async () => {
    const dm = vkMessage(w, 11, 'медленный ответ?');
    await waitForItems(w, w.vkSourceId, [dm.key]);
    const conv = (await item(w, w.vkSourceId, dm.key))!.conversation_id;
    const holdMs = 3 * LEASE_HEARTBEAT_MS;
    w.vk.control.fault({
      match: { method: 'messages.send' },
      times: 1,
      action: { type: 'delay', ms: holdMs },
    });
    const r = await w.admin.post(`/api/conversations/${conv}/replies`, { text: 'Отвечаем не спеша.' });
    expect(r.status).toBe(202);
    const status = async () => (await w.admin.get(`/api/replies/${r.body.id}`)).body.status as string;
    await until(async () => (await status()) === 'sending', 5000, 'the send to start');
    await new Promise((res) => setTimeout(res, holdMs - 2000));
    // Without a heartbeat the row would look dead: not touched since the claim, longer than the lease.
    const lease = (2 * LEASE_HEARTBEAT_MS) / 1000;
    const swept = await w.app!.app.get(ReplySweepService).sweep({ graceSeconds: 30, leaseSeconds: lease });
    expect(swept).toMatchObject({ requeued: 0, unknown: 0 });
    expect(await status()).toBe('sending');
    await until(async () => (await status()) === 'delivered', 10_000, 'the slow send to finish');
    expect(w.vk.control.requests({ method: 'messages.send' })).toHaveLength(1);
    expect(w.vk.control.outbox({ method: 'messages.send' })).toHaveLength(1);
  });
});
