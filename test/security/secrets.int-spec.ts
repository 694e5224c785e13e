import { DataSource } from 'typeorm';
import { DEFAULT_BOT_TOKEN, startTelegramEmulator, TelegramEmulator } from '../../src/emulators/telegram';
import { startVkEmulator, VkEmulator } from '../../src/emulators/vk';
import { ADMIN, Client } from '../auth/client';
import { OpsApp, startOpsApp } from '../ops/ops-app';
import { createTestDatabase, TestDatabase } from '../support/database';

const GROUP_ID = 91;
const WEBHOOK_SECRET = 'generic-webhook-secret-7f3a9c';
const TG_WEBHOOK_SECRET = 'tg-webhook-secret-5b8e21';
const VK_CALLBACK_SECRET = 'vk-callback-secret-c4d6e0';

/**
 * Tokens and secrets go in once and never come out: not in any API answer (lists, errors from
 * verify), not in the logs (debug level, including connector failures), not in the audit trail,
 * not in the database in clear.
 */
describe('secrets never leave the server', () => {
  let db: TestDatabase;
  let t: OpsApp;
  let vk: VkEmulator;
  let tg: TelegramEmulator;
  let admin: Client;
  let sql: (q: string, p?: unknown[]) => Promise<any[]>;
  const answers: string[] = [];
  const secrets: string[] = [];

  const keep = <T extends { body: unknown }>(r: T): T => {
    answers.push(JSON.stringify(r.body));
    return r;
  };

  beforeAll(async () => {
    vk = await startVkEmulator({ maxHoldMs: 250 });
    tg = await startTelegramEmulator({ maxHoldMs: 250 });
    vk.control.community({ id: GROUP_ID, name: 'Acme', screen_name: 'acme' });
    db = await createTestDatabase();
    t = await startOpsApp(db.url, { LOG_LEVEL: 'debug' });
    admin = new Client(t.url);
    expect((await admin.login(ADMIN.email, ADMIN.password)).status).toBe(200);
    const ds = t.running.app.get(DataSource);
    sql = (q, p = []) => ds.query(q, p);
  });
  afterAll(async () => {
    await t?.running.stop();
    await db?.drop();
    await vk?.stop();
    await tg?.stop();
  });

  it('creates, lists, patches and verifies sources without echoing a credential', async () => {
    const groupToken = vk.control.token({ kind: 'group', groupId: GROUP_ID });
    const serviceToken = vk.control.token({ kind: 'service', rps: 20 });
    secrets.push(
      groupToken,
      serviceToken,
      DEFAULT_BOT_TOKEN,
      WEBHOOK_SECRET,
      TG_WEBHOOK_SECRET,
      VK_CALLBACK_SECRET,
    );
    const vkSource = keep(
      await admin.post('/api/sources', {
        platform: 'vk',
        name: 'VK',
        settings: {
          groupId: GROUP_ID,
          apiBaseUrl: vk.apiBaseUrl,
          apiTimeoutMs: 1000,
          reconcileIntervalMs: 0,
        },
        credentials: {
          groupToken,
          serviceToken,
          callbackSecret: VK_CALLBACK_SECRET,
          callbackConfirmation: 'c0nf',
        },
      }),
    );
    expect(vkSource.status).toBe(201);
    const tgSource = keep(
      await admin.post('/api/sources', {
        platform: 'telegram',
        name: 'TG',
        settings: { apiRoot: tg.apiRoot, pollTimeoutSec: 1 },
        credentials: { botToken: DEFAULT_BOT_TOKEN, webhookSecret: TG_WEBHOOK_SECRET },
      }),
    );
    expect(tgSource.status).toBe(201);
    const hook = keep(
      await admin.post('/api/sources', {
        platform: 'webhook',
        name: 'Site',
        credentials: { secret: WEBHOOK_SECRET },
      }),
    );
    expect(hook.status).toBe(201);

    keep(await admin.get('/api/sources'));
    for (const id of [vkSource.body.id, tgSource.body.id, hook.body.id]) {
      keep(await admin.get(`/api/sources/${id}`));
      expect(keep(await admin.post(`/api/sources/${id}/verify`)).status).toBe(200);
    }
    // a refused new credential: the 422 names the problem, not the value
    const badToken = 'vk1.a.wrong-token-that-must-not-echo-0123456789';
    secrets.push(badToken);
    const refused = keep(
      await admin.patch(`/api/sources/${vkSource.body.id}`, {
        credentials: { groupToken: badToken, serviceToken },
      }),
    );
    expect(refused.status).toBe(422);
    const shortSecret = 'short-secret-x';
    secrets.push(shortSecret);
    expect(
      keep(await admin.patch(`/api/sources/${hook.body.id}`, { credentials: { secret: shortSecret } }))
        .status,
    ).toBe(422);
    // a revoked token: verify fails, the source needs attention, its reason is visible, the token is not
    vk.control.revokeToken(groupToken);
    const failed = keep(await admin.post(`/api/sources/${vkSource.body.id}/verify`));
    expect(failed.status).toBe(422);
    expect(failed.body.code).toBe('auth_revoked');
    const after = keep(await admin.get(`/api/sources/${vkSource.body.id}`));
    expect(after.body.status).toBe('needs_attention');
    // rotate the credentials (audited below)
    const fresh = vk.control.token({ kind: 'group', groupId: GROUP_ID });
    secrets.push(fresh);
    expect(
      keep(
        await admin.patch(`/api/sources/${vkSource.body.id}`, {
          credentials: {
            groupToken: fresh,
            serviceToken,
            callbackSecret: VK_CALLBACK_SECRET,
            callbackConfirmation: 'c0nf',
          },
        }),
      ).status,
    ).toBe(200);
    // and a Telegram failure (the bot token sits in every Bot API URL)
    await tg.stop();
    const tgDown = keep(await admin.post(`/api/sources/${tgSource.body.id}/verify`));
    expect(tgDown.status).toBe(422);
    tg = await startTelegramEmulator({ maxHoldMs: 250 });

    const all = answers.join('\n');
    for (const s of secrets) expect(all).not.toContain(s);
    expect(all).not.toMatch(/"credentials\w*"\s*:/i);
  });

  it('keeps every credential out of the logs (debug level)', async () => {
    // pushes carry their secrets in a header (Telegram) and in the body (VK): the request log keeps neither
    const list = (await admin.get('/api/sources')).body as Array<{ id: string; platform: string }>;
    const idOf = (p: string) => list.find((s) => s.platform === p)!.id;
    const tgPush = await fetch(`${t.url}/api/webhooks/telegram/${idOf('telegram')}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TG_WEBHOOK_SECRET },
      body: JSON.stringify({ update_id: 9 }),
    });
    expect(tgPush.status).toBe(200);
    const vkPush = await fetch(`${t.url}/api/webhooks/vk/${idOf('vk')}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'confirmation', group_id: GROUP_ID, secret: VK_CALLBACK_SECRET }),
    });
    expect(await vkPush.text()).toBe('c0nf');
    await new Promise((r) => setTimeout(r, 300));
    const logs = t.logs.join('\n');
    expect(t.logs.length).toBeGreaterThan(10);
    expect(logs).toContain('connected as'); // the source creation was logged
    for (const s of secrets) expect(logs).not.toContain(s);
    // the Bot API token's secret half, alone
    expect(logs).not.toContain(DEFAULT_BOT_TOKEN.split(':')[1]);
  });

  it('audits source creation and credential changes without the credentials', async () => {
    const rows = await sql(
      `SELECT action, actor_id, entity_id, data FROM audit_log WHERE entity_type = 'source' ORDER BY id`,
    );
    const actions = rows.map((r) => r.action);
    expect(actions.filter((a) => a === 'source.created')).toHaveLength(3);
    expect(actions).toContain('source.updated');
    for (const r of rows) expect(r.actor_id).toEqual(expect.any(String)); // who did it
    const updated = rows.find((r) => r.action === 'source.updated')!;
    expect(updated.data).toMatchObject({
      credentialsChanged: true,
      credentialFields: ['callbackConfirmation', 'callbackSecret', 'groupToken', 'serviceToken'],
    });
    const text = JSON.stringify(rows);
    for (const s of secrets) expect(text).not.toContain(s);
    const everything = JSON.stringify(await sql(`SELECT * FROM audit_log`));
    for (const s of secrets) expect(everything).not.toContain(s);
  });

  it('stores credentials sealed: no secret in clear anywhere in the sources rows', async () => {
    const rows = JSON.stringify(await sql(`SELECT * FROM sources`));
    for (const s of secrets) expect(rows).not.toContain(s);
    const sealed = await sql(`SELECT credentials_encrypted FROM sources`);
    for (const r of sealed) expect(r.credentials_encrypted).toMatch(/^v1\./);
  });
});
