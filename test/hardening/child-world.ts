/**
 * The hardening tests' world: the real app as a child process (see test/support/child-app.ts) on
 * its own database, the VK and Telegram emulators in the test process, one source of each created
 * through the admin API. The app can be killed and started again; the emulators and the database
 * outlive it.
 */
import { Client as Pg } from 'pg';
import { DEFAULT_BOT_TOKEN, startTelegramEmulator, TelegramEmulator } from '../../src/emulators/telegram';
import { startVkEmulator, VkEmulator } from '../../src/emulators/vk';
import { ChildApp, spawnApp } from '../support/child-app';
import { createTestDatabase, TestDatabase } from '../support/database';

export const GROUP_ID = 42;

export interface ChildWorld {
  db: TestDatabase;
  vk: VkEmulator;
  tg: TelegramEmulator;
  app: ChildApp;
  groupToken: string;
  serviceToken: string;
  wallPostId: number;
  vkSourceId: string;
  tgSourceId: string;
  /** Starts the app again on the same database (after a stop or kill -9). */
  boot(env?: Record<string, string>): Promise<ChildApp>;
  sql<T = any>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export interface ChildWorldOptions {
  env?: Record<string, string>;
  vkSettings?: Record<string, unknown>;
  tgSettings?: Record<string, unknown>;
}

export async function startChildWorld(opts: ChildWorldOptions = {}): Promise<ChildWorld> {
  const db = await createTestDatabase();
  const vk = await startVkEmulator({ maxHoldMs: 250, seed: 11 });
  const tg = await startTelegramEmulator({ maxHoldMs: 250 });
  vk.control.community({ id: GROUP_ID, name: 'Acme', screen_name: 'acme' });
  const groupToken = vk.control.token({ kind: 'group', groupId: GROUP_ID });
  const serviceToken = vk.control.token({ kind: 'service', rps: 20 });
  const wallPostId = vk.control.post({ ownerId: -GROUP_ID, text: 'Новый тариф «Дом+»' }).id;
  const pg = new Pg({ connectionString: db.url });
  await pg.connect();
  const world = {
    db,
    vk,
    tg,
    groupToken,
    serviceToken,
    wallPostId,
    sql: async (text: string, params: unknown[] = []) => (await pg.query(text, params as any[])).rows,
    boot: async (env: Record<string, string> = {}) => {
      world.app = await spawnApp(db.url, { ...opts.env, ...env });
      return world.app;
    },
    close: async () => {
      await world.app?.kill9();
      await pg.end();
      await vk.stop();
      await tg.stop();
      await db.drop();
    },
  } as ChildWorld;
  try {
    await world.boot();
    const vkSource = await world.app.admin.post('/api/sources', {
      platform: 'vk',
      name: 'Acme во ВКонтакте',
      settings: {
        groupId: GROUP_ID,
        apiBaseUrl: vk.apiBaseUrl,
        apiTimeoutMs: 1000,
        apiWaitMs: 50,
        callDeadlineMs: 5000,
        pollingWaitMs: 100,
        reconcileIntervalMs: 0,
        serviceApiLimit: 20,
        backfillDays: 1,
        ...opts.vkSettings,
      },
      credentials: { groupToken, serviceToken },
    });
    if (vkSource.status !== 201)
      throw new Error(`VK source: ${vkSource.status} ${JSON.stringify(vkSource.body)}`);
    const tgSource = await world.app.admin.post('/api/sources', {
      platform: 'telegram',
      name: 'Acme в Telegram',
      settings: { apiRoot: tg.apiRoot, pollTimeoutSec: 1, ...opts.tgSettings },
      credentials: { botToken: DEFAULT_BOT_TOKEN },
    });
    if (tgSource.status !== 201)
      throw new Error(`TG source: ${tgSource.status} ${JSON.stringify(tgSource.body)}`);
    world.vkSourceId = vkSource.body.id;
    world.tgSourceId = tgSource.body.id;
  } catch (err) {
    await world.close();
    throw err;
  }
  return world;
}

/** Stored inbound items of a source, by external id. */
export async function storedKeys(w: ChildWorld, sourceId: string): Promise<Set<string>> {
  const rows = await w.sql<{ external_id: string }>(
    `SELECT external_id FROM items WHERE source_id = $1 AND direction = 'inbound'`,
    [sourceId],
  );
  return new Set(rows.map((r) => r.external_id));
}
