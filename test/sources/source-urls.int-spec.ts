import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { DEFAULT_BOT_TOKEN, startTelegramEmulator, TelegramEmulator } from '../../src/emulators/telegram';
import { seedVkBasics, startVkEmulator, VK_DEMO, VkEmulator } from '../../src/emulators/vk';
import { ADMIN, Client } from '../auth/client';
import { startTestApp, TestApp } from '../support/app';

/** A server that stands for "some other host": records every request, answers as scripted. */
interface Trap {
  url: string;
  requests: Array<{ method: string; url: string; body: string }>;
  answer: (req: http.IncomingMessage, res: http.ServerResponse) => void;
  stop(): Promise<void>;
}

async function startTrap(): Promise<Trap> {
  const trap: Trap = {
    url: '',
    requests: [],
    answer: (_req, res) => res.writeHead(404).end(),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      trap.requests.push({ method: req.method!, url: req.url!, body });
      trap.answer(req, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  trap.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return trap;
}

/** Some remote text that must never come back to the admin. */
const REMOTE_SECRET = 'SECRET-BODY from db-internal.corp:5432';
const json = (res: http.ServerResponse, status: number, body: unknown) =>
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

/** VK settings that fail fast against a dead or hostile server (no long vk-io retries). */
const FAST_VK = { apiTimeoutMs: 1000, apiWaitMs: 10, apiRetryLimit: 0, callDeadlineMs: 3000 };

describe('source API addresses (custom URLs allowed, as in demo mode and tests)', () => {
  let t: TestApp;
  let admin: Client;
  let ds: DataSource;
  let vk: VkEmulator;
  let tg: TelegramEmulator;
  let trap: Trap;
  let vkSource: string;
  let tgSource: string;

  beforeAll(async () => {
    [t, vk, tg, trap] = await Promise.all([
      startTestApp({ ROLE: 'api' }),
      startVkEmulator({ seed: 7 }),
      startTelegramEmulator(),
      startTrap(),
    ]);
    seedVkBasics(vk.control);
    ds = t.app.get(DataSource);
    admin = new Client(t.url);
    expect((await admin.login(ADMIN.email, ADMIN.password)).status).toBe(200);
    const v = await admin.send('POST', '/api/sources', {
      platform: 'vk',
      name: 'Acme VK',
      settings: { groupId: VK_DEMO.groupId, apiBaseUrl: vk.apiBaseUrl, ...FAST_VK },
      credentials: { groupToken: VK_DEMO.groupToken, serviceToken: VK_DEMO.serviceToken },
    });
    expect(v.status).toBe(201);
    vkSource = v.body.id;
    const g = await admin.send('POST', '/api/sources', {
      platform: 'telegram',
      name: 'Acme bot',
      settings: { apiRoot: tg.apiRoot },
      credentials: { botToken: DEFAULT_BOT_TOKEN },
    });
    expect(g.status).toBe(201);
    tgSource = g.body.id;
  });
  afterAll(async () => {
    await Promise.all([t?.stop(), vk?.stop(), tg?.stop(), trap?.stop()]);
  });
  beforeEach(() => {
    trap.requests.length = 0;
    trap.answer = (_req, res) => res.writeHead(404).end();
  });

  const settingsOf = async (id: string) =>
    (await ds.query(`SELECT settings FROM sources WHERE id = $1`, [id]))[0].settings;

  it('refuses to move a stored token to a new address: 400, and the new host hears nothing', async () => {
    const before = { vk: await settingsOf(vkSource), tg: await settingsOf(tgSource) };
    const moveVk = await admin.send('PATCH', `/api/sources/${vkSource}`, {
      settings: { ...before.vk, apiBaseUrl: `${trap.url}/method` },
    });
    expect(moveVk.status).toBe(400);
    expect(moveVk.body.message).toBe(
      "changing settings.apiBaseUrl changes where this source's credentials are sent: " +
        'enter the credentials again in the same request',
    );
    const moveTg = await admin.send('PATCH', `/api/sources/${tgSource}`, {
      settings: { apiRoot: `${trap.url}/` },
    });
    expect(moveTg.status).toBe(400);
    // Dropping the address (back to the platform default) moves the token too.
    expect((await admin.send('PATCH', `/api/sources/${tgSource}`, { settings: {} })).status).toBe(400);
    expect(trap.requests).toEqual([]);
    expect({ vk: await settingsOf(vkSource), tg: await settingsOf(tgSource) }).toEqual(before);
    // The same address written differently is not a move; other settings change freely.
    const same = await admin.send('PATCH', `/api/sources/${tgSource}`, {
      settings: { apiRoot: tg.apiRoot.replace(/\/$/, ''), pollTimeoutSec: 5 },
    });
    expect(same.status).toBe(200);
    expect(same.body.settings.pollTimeoutSec).toBe(5);
  });

  it('moves the source when the credentials are entered again with the new address', async () => {
    trap.answer = (req, res) =>
      json(res, 200, {
        ok: true,
        result: { id: 7, is_bot: true, first_name: 'Moved', username: 'moved_bot' },
      });
    const r = await admin.send('PATCH', `/api/sources/${tgSource}`, {
      settings: { apiRoot: `${trap.url}/` },
      credentials: { botToken: '777:new-token-typed-again' },
    });
    expect(r.status).toBe(200);
    expect(r.body.settings.apiRoot).toBe(`${trap.url}/`);
    // Only the token typed with the new address went there.
    expect(trap.requests.map((q) => q.url)).toEqual(['/bot777:new-token-typed-again/getMe']);
    const all = JSON.stringify(trap.requests);
    expect(all).not.toContain(DEFAULT_BOT_TOKEN);
  });

  it.each([
    [
      'a Telegram error with a description',
      'telegram',
      (_: http.IncomingMessage, res: http.ServerResponse) =>
        json(res, 404, { ok: false, error_code: 404, description: `Not Found: ${REMOTE_SECRET}` }),
      { code: 'configuration', message: /\(Telegram error 404\)$/ },
    ],
    [
      'a VK API error',
      'vk',
      (_: http.IncomingMessage, res: http.ServerResponse) =>
        json(res, 200, {
          error: { error_code: 5, error_msg: `User authorization failed: ${REMOTE_SECRET}` },
        }),
      { code: 'auth_revoked', message: /\(VK error 5\)$/ },
    ],
    [
      'an HTML error page',
      'vk',
      (_: http.IncomingMessage, res: http.ServerResponse) =>
        res.writeHead(502, { 'content-type': 'text/html' }).end(`<html>${REMOTE_SECRET}</html>`),
      { code: 'temporary', message: /^the platform API could not be reached/ },
    ],
  ])(
    'answers %s with a short reason of its own, never the remote text',
    async (_, platform, answer, want) => {
      trap.answer = answer;
      const r = await admin.send('POST', '/api/sources', sourceAt(platform, apiAt(platform, trap.url)));
      expect(trap.requests.length).toBeGreaterThan(0);
      expect(r.status).toBe(422);
      expect(r.body.code).toBe(want.code);
      expect(r.body.message).toMatch(want.message);
      expect(JSON.stringify(r.body)).not.toMatch(/SECRET-BODY|db-internal|127\.0\.0\.1|:\d{4,5}\b/);
    },
  );

  it('does not say which ports are open: a closed port reads like any unreachable API', async () => {
    const closed = await startTrap();
    await closed.stop();
    for (const platform of ['vk', 'telegram']) {
      const r = await admin.send('POST', '/api/sources', sourceAt(platform, apiAt(platform, closed.url)));
      expect(r.status).toBe(422);
      expect(r.body).toMatchObject({ code: 'temporary' });
      expect(r.body.message).toMatch(/^the platform API could not be reached/);
      expect(JSON.stringify(r.body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|connect/);
    }
  });

  it('keeps the remote text out of a failed re-check and of the stored status reason', async () => {
    const created = await (async () => {
      trap.answer = (_req, res) =>
        json(res, 200, {
          ok: true,
          result: { id: 9, is_bot: true, first_name: 'Bot', username: 'trap_bot' },
        });
      return admin.send('POST', '/api/sources', sourceAt('telegram', apiAt('telegram', trap.url)));
    })();
    expect(created.status).toBe(201);
    trap.answer = (_req, res) =>
      json(res, 401, { ok: false, error_code: 401, description: `Unauthorized: ${REMOTE_SECRET}` });
    const r = await admin.send('POST', `/api/sources/${created.body.id}/verify`);
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ code: 'auth_revoked' });
    const view = await admin.send('GET', `/api/sources/${created.body.id}`);
    expect(view.body.status).toBe('needs_attention');
    expect(view.body.statusReason).toBe(
      'the platform refused the credentials (revoked, expired or wrong token) (Telegram error 401)',
    );
    const [row] = await ds.query(`SELECT status_reason FROM sources WHERE id = $1`, [created.body.id]);
    expect(row.status_reason).not.toContain('SECRET-BODY');
  });
});

describe('source API addresses (ALLOW_CUSTOM_API_URLS=false, the production default)', () => {
  let t: TestApp;
  let admin: Client;
  let trap: Trap;

  beforeAll(async () => {
    [t, trap] = await Promise.all([
      startTestApp({ ROLE: 'api', ALLOW_CUSTOM_API_URLS: 'false' }),
      startTrap(),
    ]);
    admin = new Client(t.url);
    expect((await admin.login(ADMIN.email, ADMIN.password)).status).toBe(200);
  });
  afterAll(async () => {
    await Promise.all([t?.stop(), trap?.stop()]);
  });

  it.each([
    ['a loopback port', 'vk', (u: string) => `${u}/method`],
    ['a loopback port', 'telegram', (u: string) => `${u}/`],
    ['another host', 'vk', () => 'https://vk.example.net/method'],
    ['a look-alike host', 'vk', () => 'https://api.vk.com.example.net/method'],
    ['another port', 'vk', () => 'https://api.vk.com:8443/method'],
    ['plain http', 'telegram', () => 'http://api.telegram.org/'],
    ['VK for Telegram', 'telegram', () => 'https://api.vk.com/'],
  ])('refuses %s for %s with a 400 before any request', async (_, platform, url) => {
    const r = await admin.send('POST', '/api/sources', sourceAt(platform, url(trap.url)));
    expect(r.status).toBe(400);
    const key = platform === 'vk' ? 'apiBaseUrl' : 'apiRoot';
    expect(r.body.message).toMatch(
      new RegExp(
        `^settings\\.${key} must be an https URL on .*; other addresses are refused unless ALLOW_CUSTOM_API_URLS=true$`,
      ),
    );
    expect(trap.requests).toEqual([]);
  });

  it('refuses what is not an http(s) URL at all, or carries a password, whatever the setting', async () => {
    for (const apiBaseUrl of ['file:///etc/passwd', 'not a url', 42, 'https://u:p@api.vk.com/method']) {
      const r = await admin.send('POST', '/api/sources', {
        ...sourceAt('vk', ''),
        settings: { groupId: 42, apiBaseUrl },
      });
      expect(r.status).toBe(400);
      expect(r.body.message).toMatch(/^settings\.apiBaseUrl must (be an http\(s\) URL|not contain)/);
    }
    expect(trap.requests).toEqual([]);
  });

  it('leaves sources without an API address alone (the webhook source sends nothing)', async () => {
    const r = await admin.send('POST', '/api/sources', {
      platform: 'webhook',
      name: 'Site chat',
      settings: { apiBaseUrl: 'http://127.0.0.1:1/' },
      credentials: { secret: 'webhook-secret-0123456789' },
    });
    expect(r.status).toBe(201);
  });
});

/** A new source whose API address is `url` (as is). */
function sourceAt(platform: string, url: string) {
  return platform === 'vk'
    ? {
        platform: 'vk',
        name: 'Somewhere',
        settings: { groupId: 42, apiBaseUrl: url, ...FAST_VK },
        credentials: { groupToken: 'vk1.typed-token' },
      }
    : {
        platform: 'telegram',
        name: 'Somewhere',
        settings: { apiRoot: url },
        credentials: { botToken: '123:typed-token' },
      };
}

/** The API address of `platform` on a server at `base`. */
const apiAt = (platform: string, base: string) => (platform === 'vk' ? `${base}/method` : `${base}/`);
