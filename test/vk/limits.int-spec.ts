/** Rate limits, deadlines and error mapping with the real vk-io client: T9, T10, T11, T12. */
import { VkConnector } from '../../src/connectors/vk';
import { readVkSettings } from '../../src/connectors/vk/settings';
import { GROUP_ID, sleep, startVkFixture, VkFixture } from './support';

/** Most requests seen in any 1-second window. */
function peakRate(stamps: number[]): number {
  let peak = 0;
  for (let i = 0, j = 0; i < stamps.length; i++) {
    while (stamps[i] - stamps[j] >= 1000) j++;
    peak = Math.max(peak, i - j + 1);
  }
  return peak;
}

describe('VK limits and failures', () => {
  let fx: VkFixture;
  let connector: VkConnector;

  beforeEach(async () => {
    fx = await startVkFixture();
    connector = new VkConnector();
    fx.emu.control.post({ ownerId: -GROUP_ID, text: 'p' });
  });
  afterEach(async () => {
    await connector.close();
    await fx.emu.stop();
  });

  it('T9: a burst of error 6 → every call still succeeds, and the community token stays ≤ 20 requests/s', async () => {
    const c = fx.emu.control;
    // The deadline covers time queued behind the other 24 calls too.
    const source = fx.source({ settings: { callDeadlineMs: 20_000 } });
    const client = connector.client(readVkSettings(source), fx.groupToken, 'group');
    c.fault({
      match: { method: 'messages.getConversations' },
      times: 3,
      action: { type: 'api_error', code: 6 },
    });
    const results = await Promise.all(
      Array.from({ length: 25 }, () => client.call('messages.getConversations', { count: 1 })),
    );
    expect(results.every((r) => typeof r.count === 'number')).toBe(true);
    const log = c.requests({ method: 'messages.getConversations' });
    expect(log.filter((r) => r.errorCode === 6)).toHaveLength(3);
    expect(log.filter((r) => !r.errorCode)).toHaveLength(25);
    expect(peakRate(log.map((r) => r.at))).toBeLessThanOrEqual(20);
  });

  it('T9: a user token is kept to 3 requests/s', async () => {
    const c = fx.emu.control;
    const userToken = c.token({ kind: 'user', userId: 1, rps: 3 });
    const client = connector.client(readVkSettings(fx.source()), userToken, 'user');
    await Promise.all(Array.from({ length: 7 }, () => client.call('users.get', {})));
    const log = c.requests({ method: 'users.get' });
    expect(log.every((r) => !r.errorCode)).toBe(true);
    expect(peakRate(log.map((r) => r.at))).toBeLessThanOrEqual(3);
  });

  it('T10: error 6 that never stops → the service-level deadline fires and vk-io stops retrying', async () => {
    const c = fx.emu.control;
    c.fault({ match: { method: 'wall.get' }, action: { type: 'api_error', code: 6 } });
    const started = Date.now();
    await expect(connector.fetch(fx.source({ settings: { callDeadlineMs: 1500 } }))).rejects.toMatchObject({
      code: 'rate_limited',
      retryAfterMs: expect.any(Number),
    });
    expect(Date.now() - started).toBeLessThan(3000);
    const after = c.requests({ method: 'wall.get' }).length;
    await sleep(2500);
    expect(c.requests({ method: 'wall.get' }).length - after).toBeLessThanOrEqual(1); // the cancelled call is gone
  });

  it.each([
    [5, 'auth_revoked'],
    [9, 'rate_limited'],
    [14, 'auth_revoked'],
  ])('T11: error %i → no retry, mapped to %s', async (code, mapped) => {
    const c = fx.emu.control;
    c.fault({ match: { method: 'wall.get' }, times: 1, action: { type: 'api_error', code } });
    await expect(connector.fetch(fx.source())).rejects.toMatchObject({ code: mapped });
    expect(c.requests({ method: 'wall.get' })).toHaveLength(1);
  });

  it('T12: an nginx 502 HTML page is retried at most 3 times, then reported as temporary', async () => {
    const c = fx.emu.control;
    c.fault({ match: { method: 'wall.get' }, action: { type: 'http', status: 502 } });
    await expect(connector.fetch(fx.source())).rejects.toMatchObject({ code: 'temporary' });
    expect(c.requests({ method: 'wall.get' })).toHaveLength(4); // the first try + 3 retries
  });

  it('T12: a passing 502 is absorbed by the retries', async () => {
    const c = fx.emu.control;
    c.fault({ match: { method: 'wall.get' }, times: 2, action: { type: 'http', status: 502 } });
    await expect(connector.fetch(fx.source())).resolves.toMatchObject({ items: [] });
    expect(c.requests({ method: 'wall.get' })).toHaveLength(3);
  });

  it('error 10 → temporary; an inner execute failure skips only that call', async () => {
    const c = fx.emu.control;
    c.fault({ match: { method: 'wall.get' }, times: 1, action: { type: 'api_error', code: 10 } });
    await expect(connector.fetch(fx.source())).rejects.toMatchObject({ code: 'temporary' });
    const second = c.post({ ownerId: -GROUP_ID, text: 'q' });
    c.comment({ ownerId: -GROUP_ID, postId: 1, fromId: 5, text: 'on p' });
    c.comment({ ownerId: -GROUP_ID, postId: second.id, fromId: 5, text: 'on q' });
    c.fault({
      match: { method: 'wall.getComments', post_id: 1 },
      times: 1,
      action: { type: 'api_error', code: 212 },
    });
    const result = await connector.fetch(fx.source());
    expect(result.items.map((i) => i.text)).toEqual(['on q']);
    expect(Object.keys(result.cursors)).not.toContain('post:-42_1'); // re-read next time
  });
});
