/**
 * End-to-end world for the connector matrix (protocol notes §5.3): the whole app (createApp, as
 * `npm start` wires it, DEMO=false) on its own PostgreSQL database, the VK and Telegram emulators
 * in-process, one VK and one Telegram source created through the admin API, the push receivers
 * running. Assertions go to the database and the HTTP API. The app can be stopped and started
 * again on the same database (restart scenarios); the emulators outlive it.
 */
import { Client as Pg } from 'pg';
import { createApp, RunningApp } from '../../src/bootstrap';
import { loadConfig } from '../../src/config/config';
import { deriveGuid, deriveRandomId } from '../../src/connectors/vk';
import {
  DEFAULT_BOT_TOKEN,
  startTelegramEmulator,
  TelegramEmulator,
  UserInput,
} from '../../src/emulators/telegram';
import { startVkEmulator, VkEmulator } from '../../src/emulators/vk';
import { PushReceivers } from '../../src/sources/push-receivers.service';
import { ADMIN, Client } from '../auth/client';
import { createTestDatabase, TestDatabase } from '../support/database';

export const GROUP_ID = 42;
export const BOT_USERNAME = 'otklik_care_bot';

export interface World {
  db: TestDatabase;
  vk: VkEmulator;
  tg: TelegramEmulator;
  groupToken: string;
  serviceToken: string;
  /** The running app (undefined between stop() and boot()). */
  app?: RunningApp;
  url: string;
  admin: Client;
  vkSourceId: string;
  tgSourceId: string;
  /** A post on the community wall (by the community: not an item itself). */
  wallPostId: number;
  /** Every customer item injected into the emulators, by source: each must be stored exactly once. */
  expected: Map<string, Set<string>>;
  boot(): Promise<void>;
  shutdown(): Promise<void>;
  close(): Promise<void>;
  sql<T = any>(text: string, params?: unknown[]): Promise<T[]>;
  /** Rescans the push receivers now (the app rescans every 10 s by itself). */
  rescan(): Promise<void>;
}

export interface WorldOptions {
  /** Extra VK source settings (merged over the fast test defaults). */
  vkSettings?: Record<string, unknown>;
  tgSettings?: Record<string, unknown>;
}

/** Fast settings: short holds and timeouts, no periodic reconciliation (only start and gaps). */
export async function startWorld(opts: WorldOptions = {}): Promise<World> {
  const db = await createTestDatabase();
  const vk = await startVkEmulator({ maxHoldMs: 250, seed: 11 });
  const tg = await startTelegramEmulator({ maxHoldMs: 250 });
  vk.control.community({ id: GROUP_ID, name: 'Acme', screen_name: 'acme' });
  const groupToken = vk.control.token({ kind: 'group', groupId: GROUP_ID });
  const serviceToken = vk.control.token({ kind: 'service', rps: 20 });
  const wallPostId = vk.control.post({ ownerId: -GROUP_ID, text: 'Новый тариф «Дом+»' }).id;
  const pg = new Pg({ connectionString: db.url });
  await pg.connect();

  const world: World = {
    db,
    vk,
    tg,
    groupToken,
    serviceToken,
    url: '',
    admin: undefined as unknown as Client,
    vkSourceId: '',
    tgSourceId: '',
    wallPostId,
    expected: new Map(),
    sql: async (text, params = []) => (await pg.query(text, params as any[])).rows,
    rescan: () => world.app!.app.get(PushReceivers).scan(),
    boot: async () => {
      const config = loadConfig(
        {
          NODE_ENV: 'test',
          LOG_LEVEL: 'silent',
          DEMO: 'false',
          ADMIN_EMAIL: ADMIN.email,
          ADMIN_PASSWORD: ADMIN.password,
          SECRETS_KEY: '0'.repeat(64),
          SHUTDOWN_TIMEOUT_MS: '3000',
          DATABASE_URL: db.url,
        },
        '/nonexistent',
      );
      world.app = await createApp(config, { logger: false });
      await world.app.app.listen(0, '127.0.0.1');
      world.url = `http://127.0.0.1:${world.app.app.getHttpServer().address().port}`;
      world.admin = new Client(world.url);
      const login = await world.admin.login(ADMIN.email, ADMIN.password);
      if (login.status !== 200) throw new Error(`admin login: ${login.status}`);
    },
    shutdown: async () => {
      const app = world.app;
      world.app = undefined;
      await app?.stop();
    },
    close: async () => {
      await world.shutdown();
      await pg.end();
      await vk.stop();
      await tg.stop();
      await db.drop();
    },
  };

  await world.boot();
  const vkSource = await world.admin.post('/api/sources', {
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
  const tgSource = await world.admin.post('/api/sources', {
    platform: 'telegram',
    name: 'Acme в Telegram',
    settings: { apiRoot: tg.apiRoot, pollTimeoutSec: 5, ...opts.tgSettings },
    credentials: { botToken: DEFAULT_BOT_TOKEN },
  });
  if (tgSource.status !== 201)
    throw new Error(`TG source: ${tgSource.status} ${JSON.stringify(tgSource.body)}`);
  world.vkSourceId = vkSource.body.id;
  world.tgSourceId = tgSource.body.id;
  await world.rescan();
  await waitForReceivers(world);
  return world;
}

/** Both receivers run: VK did its start-up reconciliation (a cursor row), Telegram polls. */
export async function waitForReceivers(w: World): Promise<void> {
  await until(() => w.app!.app.get(PushReceivers).runningSources().length === 2, 5000, 'both push receivers');
  await until(() => w.tg.control.requests({ method: 'getUpdates' }).length > 0, 5000, 'the first getUpdates');
  await until(
    async () => w.vk.control.requests({ method: 'lp.a_check' }).length > 0,
    5000,
    'the first a_check',
  );
}

// ---- injecting customer activity (and remembering what must be stored) ----

function expect1(w: World, sourceId: string, key: string) {
  let set = w.expected.get(sourceId);
  if (!set) w.expected.set(sourceId, (set = new Set()));
  set.add(key);
  return key;
}

export function vkComment(w: World, fromId: number, text: string, postId = w.wallPostId) {
  const c = w.vk.control.comment({ ownerId: -GROUP_ID, postId, fromId, text });
  return { id: c.id, key: expect1(w, w.vkSourceId, `wall_comment:-${GROUP_ID}_${postId}_${c.id}`) };
}

export function vkMessage(w: World, fromId: number, text: string) {
  const m = w.vk.control.message({ groupId: GROUP_ID, fromId, text });
  return { id: m.id, key: expect1(w, w.vkSourceId, `message:${fromId}_${m.id}`) };
}

/** A member writes in VK group chat `chatId`: the community sees `id: 0`, the key is the conversation_message_id. */
export function vkChatMessage(w: World, chatId: number, fromId: number, text: string) {
  const m = w.vk.control.chatMessage({ groupId: GROUP_ID, chatId, fromId, text });
  return {
    cmid: m.conversation_message_id,
    key: expect1(w, w.vkSourceId, `chat_message:${m.peer_id}_${m.conversation_message_id}`),
  };
}

export function tgMessage(w: World, from: UserInput, text: string, chatId?: number) {
  const { message, updateIds } = w.tg.control.send({
    from,
    text,
    ...(chatId !== undefined ? { chat_id: chatId } : {}),
  });
  return { message, updateIds, key: expect1(w, w.tgSourceId, `${message.chat.id}:${message.message_id}`) };
}

/** Telegram activity the bot must never get (privacy mode): injected, not expected. */
export function tgUnseen(w: World, from: UserInput, text: string, chatId: number) {
  return w.tg.control.send({ from, text, chat_id: chatId }).message;
}

// ---- reading what was stored ----

export interface StoredItem {
  id: string;
  external_id: string;
  version: number;
  text: string;
  previous_texts: Array<{ text: string; version: number }>;
  conversation_id: string;
}

export async function items(w: World, sourceId: string, direction = 'inbound'): Promise<StoredItem[]> {
  return w.sql<StoredItem>(
    `SELECT id::text, external_id, version, text, previous_texts, conversation_id
       FROM items WHERE source_id = $1 AND direction = $2 ORDER BY id`,
    [sourceId, direction],
  );
}

export async function item(w: World, sourceId: string, key: string): Promise<StoredItem | undefined> {
  return (await items(w, sourceId)).find((i) => i.external_id === key);
}

export async function waitForItems(w: World, sourceId: string, keys: string[], timeoutMs = 8000) {
  await until(
    async () => {
      const stored = new Set((await items(w, sourceId)).map((i) => i.external_id));
      return keys.every((k) => stored.has(k));
    },
    timeoutMs,
    `items ${keys.join(', ')}`,
  );
}

export async function sourceView(w: World, id: string): Promise<any> {
  const r = await w.admin.get(`/api/sources/${id}`);
  if (r.status !== 200) throw new Error(`GET source: ${r.status}`);
  return r.body;
}

// ---- the matrix invariants (§5.3), checked after every scenario ----

export async function assertInvariants(w: World): Promise<void> {
  // Each injected inbound event maps to exactly one stored item, and nothing else was stored.
  for (const sourceId of [w.vkSourceId, w.tgSourceId]) {
    const want = [...(w.expected.get(sourceId) ?? [])].sort();
    const rows = await w.sql<{ external_id: string; n: number }>(
      `SELECT external_id, count(*)::int AS n FROM items
        WHERE source_id = $1 AND direction = 'inbound' GROUP BY external_id ORDER BY external_id`,
      [sourceId],
    );
    expect(rows.map((r) => r.external_id).sort()).toEqual(want);
    expect(rows.filter((r) => r.n !== 1)).toEqual([]);
  }
  // No two VK outbox entries share (peer, idempotency key).
  const vkKeys = w.vk.control
    .outbox()
    .filter((o) => o.method === 'wall.createComment' || o.method === 'messages.send')
    .map((o) =>
      o.method === 'messages.send'
        ? `dm:${o.params.peer_id ?? o.params.peer_ids}:${o.params.random_id}`
        : `wall:${o.params.owner_id}_${o.params.post_id}:${o.params.guid}`,
    );
  expect(vkKeys.length).toBe(new Set(vkKeys).size);
  // Telegram has no key: every reply text is unique per test, so (chat, text) stands in for it.
  const tgKeys = w.tg.control.outbox().map((o) => `${o.chatId}:${o.text}`);
  expect(tgKeys.length).toBe(new Set(tgKeys).size);
  // One poller at a time: no 409 Conflict from getUpdates.
  expect(w.tg.control.requests().filter((r) => r.status === 409)).toEqual([]);
}

/** VK idempotency keys of a reply (what its outbox entry must carry). */
export const vkKeysOf = (replyId: string) => ({
  guid: deriveGuid(replyId),
  random_id: String(deriveRandomId(replyId)),
});

// ---- waiting ----

export async function until(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
  everyMs = 50,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
