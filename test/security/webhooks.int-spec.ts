import { DataSource } from 'typeorm';
import { signWebhook } from '../../src/connectors/webhook/signature';
import { DEFAULT_BOT_TOKEN, startTelegramEmulator, TelegramEmulator } from '../../src/emulators/telegram';
import { startVkEmulator, VkEmulator } from '../../src/emulators/vk';
import { ADMIN, Client } from '../auth/client';
import { startTestApp, TestApp } from '../support/app';

const SECRET = 'webhook-secret-for-security-tests';
const GROUP_ID = 77;

/**
 * The public push routes: only a request proven to come from the platform (or the webhook
 * sender) may put items into the inbox, an unauthenticated caller learns nothing beyond
 * 404/401/403-by-signature, and oversized or malformed bodies are refused early with a clean 4xx.
 */
describe('signed webhooks: authentication, oracles, body limits', () => {
  let t: TestApp;
  let vk: VkEmulator;
  let tg: TelegramEmulator;
  let admin: Client;
  let items: () => Promise<number>;
  const ids = {} as Record<'webhook' | 'vk' | 'tg' | 'vkSigned' | 'tgSigned', string>;

  const create = async (body: Record<string, unknown>) => {
    const r = await admin.post('/api/sources', body);
    if (r.status !== 201) throw new Error(`source: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.id as string;
  };
  const raw = (path: string, body: string | Buffer, headers: Record<string, string> = {}) =>
    fetch(t.url + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
      signal: AbortSignal.timeout(20_000),
    });
  const vkEvent = (id: number, secret?: string) =>
    JSON.stringify({
      type: 'message_new',
      group_id: GROUP_ID,
      event_id: `ev-${id}`,
      ...(secret ? { secret } : {}),
      object: { message: { id, from_id: 501, peer_id: 501, text: 'подделка', date: 1_700_000_000 } },
    });
  const tgUpdate = (id: number) =>
    JSON.stringify({
      update_id: id,
      message: {
        message_id: id,
        date: 1_700_000_000,
        chat: { id: 601, type: 'private' },
        from: { id: 601, is_bot: false, first_name: 'Eve' },
        text: 'подделка',
      },
    });

  beforeAll(async () => {
    vk = await startVkEmulator({ maxHoldMs: 250 });
    tg = await startTelegramEmulator({ maxHoldMs: 250 });
    vk.control.community({ id: GROUP_ID, name: 'Acme', screen_name: 'acme' });
    t = await startTestApp();
    admin = new Client(t.url);
    expect((await admin.login(ADMIN.email, ADMIN.password)).status).toBe(200);
    const ds = t.app.get(DataSource);
    items = async () => Number((await ds.query(`SELECT count(*)::int AS n FROM items`))[0].n);
    const vkTokens = () => ({
      groupToken: vk.control.token({ kind: 'group', groupId: GROUP_ID }),
      serviceToken: vk.control.token({ kind: 'service', rps: 20 }),
    });
    const vkSettings = {
      groupId: GROUP_ID,
      apiBaseUrl: vk.apiBaseUrl,
      apiTimeoutMs: 1000,
      reconcileIntervalMs: 0,
    };
    const tgSettings = { apiRoot: tg.apiRoot, mode: 'webhook', webhookUrl: `${t.url}/tg` };
    ids.webhook = await create({ platform: 'webhook', name: 'Site', credentials: { secret: SECRET } });
    // Long Poll / getUpdates sources: no push secret configured
    ids.vk = await create({
      platform: 'vk',
      name: 'VK',
      settings: vkSettings,
      credentials: vkTokens(),
    });
    ids.tg = await create({
      platform: 'telegram',
      name: 'TG',
      settings: { apiRoot: tg.apiRoot },
      credentials: { botToken: DEFAULT_BOT_TOKEN },
    });
    ids.vkSigned = await create({
      platform: 'vk',
      name: 'VK callback',
      settings: vkSettings,
      credentials: {
        ...vkTokens(),
        callbackSecret: 'vk-callback-secret',
        callbackConfirmation: 'c0nf1rm',
      },
    });
    ids.tgSigned = await create({
      platform: 'telegram',
      name: 'TG webhook',
      settings: tgSettings,
      credentials: { botToken: DEFAULT_BOT_TOKEN, webhookSecret: 'tg-webhook-secret' },
    });
  });
  afterAll(async () => {
    await t?.stop();
    await vk?.stop();
    await tg?.stop();
  });

  it('a VK or Telegram source with no push secret refuses unsigned pushes (nothing stored)', async () => {
    const before = await items();
    const v = await raw(`/api/webhooks/vk/${ids.vk}`, vkEvent(1));
    expect(v.status).toBe(403);
    const g = await raw(`/api/webhooks/telegram/${ids.tg}`, tgUpdate(1));
    expect(g.status).toBe(403);
    expect(await items()).toBe(before);
  });

  it('a Telegram source in webhook mode cannot be saved without a secret_token', async () => {
    const r = await admin.post('/api/sources', {
      platform: 'telegram',
      name: 'TG open webhook',
      settings: { apiRoot: tg.apiRoot, mode: 'webhook', webhookUrl: `${t.url}/tg` },
      credentials: { botToken: DEFAULT_BOT_TOKEN },
    });
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ code: 'configuration', message: expect.stringMatching(/webhookSecret/) });
  });

  it('with a secret: the wrong one is refused, the right one stores the item', async () => {
    const before = await items();
    expect((await raw(`/api/webhooks/vk/${ids.vkSigned}`, vkEvent(2, 'wrong'))).status).toBe(403);
    expect((await raw(`/api/webhooks/vk/${ids.vkSigned}`, vkEvent(2))).status).toBe(403);
    const tgWrong = await raw(`/api/webhooks/telegram/${ids.tgSigned}`, tgUpdate(2), {
      'x-telegram-bot-api-secret-token': 'tg-webhook-secreT',
    });
    expect(tgWrong.status).toBe(403);
    expect(await items()).toBe(before);

    const ok = await raw(`/api/webhooks/vk/${ids.vkSigned}`, vkEvent(3, 'vk-callback-secret'));
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('ok');
    const tgOk = await raw(`/api/webhooks/telegram/${ids.tgSigned}`, tgUpdate(3), {
      'x-telegram-bot-api-secret-token': 'tg-webhook-secret',
    });
    expect(tgOk.status).toBe(200);
    expect(await items()).toBe(before + 2);
  });

  it('VK Callback and Telegram webhook: NUL and lone surrogates are stored cleaned, never a 5xx redelivered forever', async () => {
    const ds = t.app.get(DataSource);
    const vkBody = JSON.stringify({
      type: 'message_new',
      group_id: GROUP_ID,
      event_id: 'ev-poison',
      secret: 'vk-callback-secret',
      object: {
        message: { id: 90, from_id: 502, peer_id: 502, text: 'a\u0000b\uD800', date: 1_700_000_000 },
      },
    });
    const v = await raw(`/api/webhooks/vk/${ids.vkSigned}`, vkBody);
    expect([v.status, await v.text()]).toEqual([200, 'ok']);
    const tgBody = JSON.stringify({
      update_id: 90,
      message: {
        message_id: 90,
        date: 1_700_000_000,
        chat: { id: 602, type: 'private' },
        from: { id: 602, is_bot: false, first_name: 'Ev\uDC00e' },
        text: 'c\u0000d',
      },
    });
    const g = await raw(`/api/webhooks/telegram/${ids.tgSigned}`, tgBody, {
      'x-telegram-bot-api-secret-token': 'tg-webhook-secret',
    });
    expect(g.status).toBe(200);
    const rows = await ds.query(
      `SELECT external_id, text, author_name, cleaned FROM items WHERE source_id = ANY($1) AND external_id = ANY($2)
        ORDER BY external_id`,
      [
        [ids.vkSigned, ids.tgSigned],
        ['602:90', 'message:502_90'],
      ],
    );
    expect(rows).toEqual([
      {
        external_id: '602:90',
        text: 'c\uFFFDd',
        author_name: 'Ev\uFFFDe',
        cleaned: { fields: ['text', 'author.name', 'raw'], replaced: 4 },
      },
      {
        external_id: 'message:502_90',
        text: 'a\uFFFDb\uFFFD',
        author_name: null,
        cleaned: { fields: ['text', 'raw'], replaced: 4 },
      },
    ]);
  });

  it('a disabled source answers an unsigned caller exactly like an enabled one (no oracle)', async () => {
    const body = JSON.stringify({
      items: [{ id: 'x', author: { id: 1 }, text: 'hi', createdAt: '2024-11-01T10:00:00Z' }],
    });
    const unsignedEnabled = await raw(`/api/ingest/${ids.webhook}`, body, {
      'x-otklik-signature': 'sha256=00',
    });
    expect(unsignedEnabled.status).toBe(401);
    const enabledAnswer = await unsignedEnabled.json();
    expect((await admin.patch(`/api/sources/${ids.webhook}`, { enabled: false })).status).toBe(200);
    expect((await admin.patch(`/api/sources/${ids.vk}`, { enabled: false })).status).toBe(200);
    try {
      const unsigned = await raw(`/api/ingest/${ids.webhook}`, body, { 'x-otklik-signature': 'sha256=00' });
      expect(unsigned.status).toBe(401);
      expect(await unsigned.json()).toEqual(enabledAnswer);
      const vkUnsigned = await raw(`/api/webhooks/vk/${ids.vk}`, vkEvent(4));
      expect([vkUnsigned.status, await vkUnsigned.text()]).toEqual([403, 'forbidden']);
      // a caller who proves the secret learns that the source is disabled, and nothing is stored
      const signed = await raw(`/api/ingest/${ids.webhook}`, body, {
        'x-otklik-signature': signWebhook(SECRET, body),
      });
      expect(signed.status).toBe(403);
      expect(((await signed.json()) as any).message).toMatch(/disabled/);
    } finally {
      await admin.patch(`/api/sources/${ids.webhook}`, { enabled: true });
    }
  });

  it('refuses a 50 MB body at once with 413, before reading it, on every push route', async () => {
    const huge = Buffer.alloc(50 * 1024 * 1024, 0x20);
    for (const path of [
      `/api/ingest/${ids.webhook}`,
      `/api/webhooks/vk/${ids.vk}`,
      `/api/webhooks/telegram/${ids.tg}`,
      '/api/auth/login',
    ]) {
      const started = Date.now();
      const res = await raw(path, huge).catch((err: Error) => err);
      // Node may see the socket closed while still uploading: that is also an early refusal
      if (res instanceof Error) continue;
      expect([path, res.status]).toEqual([path, 413]);
      expect(await res.json()).toEqual({
        statusCode: 413,
        message: expect.stringMatching(/^The body is larger than \d+ kB/),
      });
      expect(Date.now() - started).toBeLessThan(5000);
    }
  });

  it('takes a signed batch up to 1 MB and refuses a bigger one with 413, storing nothing', async () => {
    const batch = (n: number, tag: string) =>
      JSON.stringify({
        items: Array.from({ length: n }, (_, i) => ({
          id: `${tag}-${i}`,
          author: { id: `a-${i}` },
          text: 'т'.repeat(900),
          createdAt: '2024-11-01T10:00:00Z',
        })),
      });
    const before = await items();
    const big = batch(450, 'big'); // ~ 0.9 MB of UTF-8
    expect(Buffer.byteLength(big)).toBeGreaterThan(800_000);
    expect(Buffer.byteLength(big)).toBeLessThan(1_000_000);
    const ok = await raw(`/api/ingest/${ids.webhook}`, big, {
      'x-otklik-signature': signWebhook(SECRET, big),
    });
    expect(ok.status).toBe(200);
    expect(await items()).toBe(before + 450);
    const tooBig = batch(500, 'huge') + ' '.repeat(200_000);
    const refused = await raw(`/api/ingest/${ids.webhook}`, tooBig, {
      'x-otklik-signature': signWebhook(SECRET, tooBig),
    });
    expect(refused.status).toBe(413);
    expect(await items()).toBe(before + 450);
  });

  it('malformed JSON is a 400 naming the problem, with no stack or internals', async () => {
    for (const path of [
      `/api/ingest/${ids.webhook}`,
      `/api/webhooks/vk/${ids.vkSigned}`,
      `/api/webhooks/telegram/${ids.tgSigned}`,
    ]) {
      const res = await raw(path, '{"items": [', {
        'x-otklik-signature': signWebhook(SECRET, '{"items": ['),
      });
      expect([path, res.status]).toEqual([path, 400]);
      const text = await res.text();
      expect(text).not.toMatch(/\bat \S+ \(|node_modules|SyntaxError|\/src\//);
    }
  });

  it('refuses a signed request replayed outside the timestamp window', async () => {
    const body = JSON.stringify({
      items: [{ id: 'old', author: { id: 1 }, text: 'hi', createdAt: '2024-11-01T10:00:00Z' }],
    });
    const ts = String(Math.floor(Date.now() / 1000) - 3600);
    const res = await raw(`/api/ingest/${ids.webhook}`, body, {
      'x-otklik-timestamp': ts,
      'x-otklik-signature': signWebhook(SECRET, body, ts),
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as any).message).toMatch(/replay window/);
  });
});
