/**
 * Issue 8, point 1: a transient VK error must never take the process down. The recipe that
 * crashed the built app: `wall.get` slow once, `messages.getConversations` error 10 once (the DM
 * reconciliation rejects while the wall is still being listed), `a_check` failed 2 once, then a
 * DM. The app runs as a child process, so an unhandled rejection is a real exit.
 */
import { Client as Pg } from 'pg';
import { startVkEmulator, VkEmulator } from '../../src/emulators/vk';
import { createTestDatabase, TestDatabase } from '../support/database';
import { ChildApp, childMetrics, metricValue, spawnApp, until } from '../support/child-app';

const GROUP_ID = 42;

describe('a transient VK error during reconciliation (child process)', () => {
  let db: TestDatabase;
  let vk: VkEmulator;
  let app: ChildApp | undefined;
  let pg: Pg;

  beforeAll(async () => {
    db = await createTestDatabase();
    vk = await startVkEmulator({ maxHoldMs: 250, seed: 3 });
    pg = new Pg({ connectionString: db.url });
    await pg.connect();
  });
  afterAll(async () => {
    await app?.kill9();
    await pg?.end();
    await vk?.stop();
    await db?.drop();
  });

  it('wall.get slow + getConversations error 10 + failed 2, then a DM: stored, and the process lives', async () => {
    const c = vk.control;
    c.community({ id: GROUP_ID, name: 'Acme', screen_name: 'acme' });
    const groupToken = c.token({ kind: 'group', groupId: GROUP_ID });
    const serviceToken = c.token({ kind: 'service', rps: 20 });
    c.post({ ownerId: -GROUP_ID, text: 'Новый тариф' });
    // Only the reconciliation's listing (count 100), not verify's one-post probe.
    c.fault({ match: { method: 'wall.get', count: 100 }, times: 1, action: { type: 'delay', ms: 1500 } });
    c.fault({
      match: { method: 'messages.getConversations' },
      times: 1,
      action: { type: 'api_error', code: 10 },
    });
    c.fault({ match: { method: 'a_check' }, times: 1, action: { type: 'lp_failed', code: 2 } });

    app = await spawnApp(db.url);
    const created = await app.admin.post('/api/sources', {
      platform: 'vk',
      name: 'Acme',
      settings: {
        groupId: GROUP_ID,
        apiBaseUrl: vk.apiBaseUrl,
        apiWaitMs: 50,
        pollingWaitMs: 100,
        reconcileIntervalMs: 0,
        serviceApiLimit: 20,
      },
      credentials: { groupToken, serviceToken },
    });
    expect(created.status).toBe(201);
    const sourceId = created.body.id;

    await until(() => c.faults().every((f) => f.fired === f.times), 20_000, 'all three faults to fire', app);
    const dm = c.message({ groupId: GROUP_ID, fromId: 5, text: 'Здравствуйте, где мой заказ?' });
    await until(
      async () =>
        (
          await pg.query(`SELECT 1 FROM items WHERE source_id = $1 AND external_id = $2`, [
            sourceId,
            `message:5_${dm.id}`,
          ])
        ).rowCount === 1,
      20_000,
      'the DM stored',
      app,
    );
    // A little longer: the failed reconciliation's retry runs too.
    await new Promise((r) => setTimeout(r, 6000));
    expect(app.exit).toBeUndefined();
    expect(app.output()).not.toMatch(/unhandled/i);
    // The source stays usable (a temporary error is not a reason to stop receiving).
    const [source] = (await pg.query(`SELECT status FROM sources WHERE id = $1`, [sourceId])).rows;
    expect(source.status).not.toBe('needs_attention');
    expect(
      metricValue(await childMetrics(app), 'otklik_unhandled_rejections_total', '{kind="connector"}'),
    ).toBe(0);
  }, 200_000);
});
