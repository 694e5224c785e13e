/** Demo mode on several worker instances: exactly one runs the emulators and the customers. */
import { DataSource } from 'typeorm';
import { createApp, RunningApp } from '../../src/bootstrap';
import { loadConfig } from '../../src/config/config';
import { DemoService } from '../../src/demo/demo.service';
import { ADMIN } from '../auth/client';
import { createTestDatabase, TestDatabase } from '../support/database';

describe('demo mode on two instances', () => {
  let db: TestDatabase;
  const apps: RunningApp[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    for (const a of apps) await a.stop().catch(() => undefined);
    await db?.drop();
  });

  async function boot(): Promise<RunningApp> {
    const config = loadConfig(
      {
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        DEMO: 'true',
        ROLE: 'all',
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_PASSWORD: ADMIN.password,
        SECRETS_KEY: '0'.repeat(64),
        SHUTDOWN_TIMEOUT_MS: '3000',
        DATABASE_URL: db.url,
      },
      '/nonexistent',
    );
    const app = await createApp(config, { logger: false });
    apps.push(app);
    return app;
  }

  const demoSources = async (app: RunningApp) =>
    (await app.app
      .get(DataSource)
      .query(`SELECT platform, settings FROM sources WHERE settings ? 'demo' ORDER BY platform`)) as Array<{
      platform: string;
      settings: Record<string, any>;
    }>;

  it('starting together, one instance runs the demo and the demo sources exist once', async () => {
    const [a, b] = await Promise.all([boot(), boot()]);
    const running = [a, b].filter((x) => x.app.get(DemoService).running);
    expect(running).toHaveLength(1);
    const [winner] = running;
    const loser = winner === a ? b : a;
    expect(winner.app.get(DemoService).emulators()).toEqual({
      vk: expect.anything(),
      telegram: expect.anything(),
      youtube: expect.anything(),
    });
    expect(loser.app.get(DemoService).emulators()).toEqual({ vk: undefined, telegram: undefined });

    const sources = await demoSources(a);
    expect(sources.map((s) => s.platform)).toEqual(['telegram', 'vk', 'youtube']);
    // Both point at the emulators of the instance that runs the demo.
    const { vk, telegram } = winner.app.get(DemoService).emulators();
    expect(sources.find((s) => s.platform === 'vk')!.settings.apiBaseUrl).toBe(vk!.apiBaseUrl);
    expect(sources.find((s) => s.platform === 'telegram')!.settings.apiRoot).toBe(telegram!.apiRoot);
  });

  it('after a restart the next instance to start takes the demo over', async () => {
    // Stop the instance without the demo first, so no receiver is left talking to dead emulators.
    const byRole = [...apps].sort(
      (x, y) => Number(x.app.get(DemoService).running) - Number(y.app.get(DemoService).running),
    );
    for (const old of byRole) {
      await old.stop();
      apps.splice(apps.indexOf(old), 1);
    }

    const next = await boot();
    const demo = next.app.get(DemoService);
    expect(demo.running).toBe(true);
    const sources = await demoSources(next);
    expect(sources.map((s) => s.platform)).toEqual(['telegram', 'vk', 'youtube']); // updated, not duplicated
    expect(sources.find((s) => s.platform === 'vk')!.settings).toMatchObject({
      apiBaseUrl: demo.emulators().vk!.apiBaseUrl,
      demoRun: 1,
    });
  });
});
