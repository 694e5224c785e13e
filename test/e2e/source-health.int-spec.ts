/**
 * Source state end to end (T11, T13): what VK answers reaches the admin API as the source's
 * status, the receiver stops calling VK, and a person's fix brings it back.
 */
import { PushReceivers } from '../../src/sources/push-receivers.service';
import {
  assertInvariants,
  GROUP_ID,
  sleep,
  sourceView,
  startWorld,
  until,
  vkComment,
  waitForItems,
  World,
} from './harness';

describe('e2e source health (T11, T13)', () => {
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

  async function statusBecomes(status: string, timeoutMs = 8000): Promise<any> {
    let view: any;
    await until(
      async () => (view = await sourceView(w, w.vkSourceId)).status === status,
      timeoutMs,
      `VK source ${status}`,
      100,
    );
    return view;
  }

  it('T13: a VK source with only a community token is refused (wall.get → 27 → configuration), nothing stored', async () => {
    const before = (await w.admin.get('/api/sources')).body.length;
    const r = await w.admin.post('/api/sources', {
      platform: 'vk',
      name: 'No wall reader',
      settings: { groupId: GROUP_ID, apiBaseUrl: w.vk.apiBaseUrl, apiWaitMs: 50 },
      credentials: { groupToken: w.groupToken },
    });
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ code: 'configuration' });
    expect(r.body.message).toContain('VK error 27');
    const refused = w.vk.control.requests({ method: 'wall.get' }).filter((q) => q.errorCode === 27);
    expect(refused).toHaveLength(1); // a configuration error is not retried
    expect((await w.admin.get('/api/sources')).body).toHaveLength(before);
  });

  it('T11: the community token is revoked (VK error 5) → needs_attention, the receiver stops; a new token brings it back', async () => {
    const c = w.vk.control;
    c.revokeToken(w.groupToken);
    c.expireLpKeys(GROUP_ID); // Long Poll needs a new key: getLongPollServer with the revoked token
    const view = await statusBecomes('needs_attention');
    expect(view).toMatchObject({ lastErrorCode: 'auth_revoked' });
    expect(view.statusReason).toContain('VK error 5');
    // The receiver stops by itself (no waiting for the next receivers scan).
    await until(() => !running().includes(w.vkSourceId), 2000, 'the VK receiver to stop');
    // Nothing keeps hammering VK with the dead token.
    await sleep(300);
    const seen = c.requests().length;
    await sleep(1000);
    expect(c.requests().length - seen).toBe(0);
    const fives = c.requests().filter((q) => q.errorCode === 5);
    expect(fives.length).toBeGreaterThan(0);
    expect(fives.length).toBeLessThanOrEqual(3); // getLongPollServer and reconciliation's DM read, once each

    // A person connects a new token: verified, healthy, receiving again.
    const fresh = c.token({ kind: 'group', groupId: GROUP_ID });
    const patched = await w.admin.patch(`/api/sources/${w.vkSourceId}`, {
      credentials: { groupToken: fresh, serviceToken: w.serviceToken },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ status: 'healthy', lastErrorCode: null });
    w.groupToken = fresh;
    await w.rescan();
    await until(() => running().includes(w.vkSourceId), 5000, 'the VK receiver to start again');
    const after = vkComment(w, 5, 'снова работает?');
    await waitForItems(w, w.vkSourceId, [after.key]);
  });

  it('T13: wall.get answers 27 during reconciliation → configuration, needs_attention; verify after the fix → healthy', async () => {
    const c = w.vk.control;
    c.fault({
      match: { method: 'wall.get' },
      action: {
        type: 'api_error',
        code: 27,
        msg: 'Group authorization failed: method is unavailable with group auth.',
      },
    });
    c.fault({ match: { method: 'a_check' }, times: 1, action: { type: 'lp_failed', code: 2 } });
    const view = await statusBecomes('needs_attention');
    expect(view).toMatchObject({ lastErrorCode: 'configuration' });
    expect(view.statusReason).toContain('VK error 27');
    c.clearFaults();
    const verified = await w.admin.post(`/api/sources/${w.vkSourceId}/verify`);
    expect(verified.status).toBe(200);
    expect((await sourceView(w, w.vkSourceId)).status).toBe('healthy');
    await w.rescan();
    await until(() => running().includes(w.vkSourceId), 5000, 'the VK receiver to start again');
    const after = vkComment(w, 9, 'всё снова видно?');
    await waitForItems(w, w.vkSourceId, [after.key]);
  });
});
