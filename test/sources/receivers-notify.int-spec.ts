/**
 * A new, re-enabled or changed source starts receiving at once: SourcesService sends NOTIFY sources
 * and every worker's PushReceivers rescans (the periodic scan, every 10 s, is only the fallback).
 * Nothing here calls scan() by hand.
 */
import { createApp, RunningApp } from '../../src/bootstrap';
import { DEFAULT_BOT_TOKEN, startTelegramEmulator, TelegramEmulator } from '../../src/emulators/telegram';
import { PushReceivers } from '../../src/sources/push-receivers.service';
import { ADMIN, Client } from '../auth/client';
import { startTestApp, TestApp, testConfig } from '../support/app';

/** Well under the 10 s periodic rescan: only the notification can explain a start this fast. */
const PROMPT_MS = 2000;

async function until(check: () => boolean, ms: number, what: string): Promise<number> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > ms) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return Date.now() - started;
}

describe('push receivers react to source changes at once', () => {
  let t: TestApp;
  let tg: TelegramEmulator;
  let admin: Client;
  let bootedAt: number;
  const receivers = () => t.app.get(PushReceivers);
  const polls = () => tg.control.requests({ method: 'getUpdates' }).length;

  beforeAll(async () => {
    tg = await startTelegramEmulator({ maxHoldMs: 250 });
    t = await startTestApp();
    bootedAt = Date.now();
    admin = new Client(t.url);
    expect((await admin.login(ADMIN.email, ADMIN.password)).status).toBe(200);
  });
  afterAll(async () => {
    await t?.stop();
    await tg?.stop();
  });

  const createTelegram = (name: string, client = admin, botToken = DEFAULT_BOT_TOKEN) =>
    client.post('/api/sources', {
      platform: 'telegram',
      name,
      settings: { apiRoot: tg.apiRoot, pollTimeoutSec: 5 },
      credentials: { botToken },
    });

  it('a source created through the API gets its first long poll within 2 s', async () => {
    expect(receivers().runningSources()).toEqual([]);
    const created = await createTelegram('Acme в Telegram');
    expect(created.status).toBe(201);
    const waited = await until(() => polls() > 0, PROMPT_MS, 'the first getUpdates');
    expect(receivers().runningSources()).toEqual([created.body.id]);
    // The boot-time scan found nothing and the next periodic one is 10 s after boot.
    expect(Date.now() - bootedAt).toBeLessThan(10_000);
    expect(waited).toBeLessThan(PROMPT_MS);
  });

  it('disabling stops the receiver and re-enabling starts it again, each within 2 s', async () => {
    const [id] = receivers().runningSources();
    expect((await admin.patch(`/api/sources/${id}`, { enabled: false })).status).toBe(200);
    await until(() => receivers().runningSources().length === 0, PROMPT_MS, 'the receiver to stop');
    // a getUpdates sent just before the stop may still reach the emulator on a loaded machine
    await new Promise((r) => setTimeout(r, 300));
    const before = polls();
    await new Promise((r) => setTimeout(r, 400));
    expect(polls()).toBe(before); // nobody polls a disabled source

    expect((await admin.patch(`/api/sources/${id}`, { enabled: true })).status).toBe(200);
    await until(() => polls() > before, PROMPT_MS, 'getUpdates after re-enabling');
    expect(receivers().runningSources()).toEqual([id]);
  });

  it('a source created on an API instance starts on the worker instance within 2 s', async () => {
    const config = testConfig({ ROLE: 'api' }, t.db.url);
    let api: RunningApp | undefined;
    try {
      api = await createApp(config, { logger: false });
      await api.app.listen(0, '127.0.0.1');
      const apiAdmin = new Client(`http://127.0.0.1:${api.app.getHttpServer().address().port}`);
      expect((await apiAdmin.login(ADMIN.email, ADMIN.password)).status).toBe(200);
      // A second bot: one bot's getUpdates belongs to one source.
      const token = '222333444:second-bot-secret-token';
      tg.control.addBot({ token, username: 'acme_support_bot' });
      const created = await createTelegram('Acme support bot', apiAdmin, token);
      expect(created.status).toBe(201);
      await until(
        () => receivers().runningSources().includes(created.body.id),
        PROMPT_MS,
        'the worker to start the new source',
      );
      expect(api.app.get(PushReceivers).runningSources()).toEqual([]);
    } finally {
      await api?.stop();
    }
  });
});
