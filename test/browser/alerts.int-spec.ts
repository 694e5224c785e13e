/**
 * Alerts in a real browser: four weeks of quiet history and a storm of angry comments (SQL, as
 * ingest stores them); the seeded spike rule fires and the message reaches SLACK_WEBHOOK_URL (a
 * local receiver on 127.0.0.1). The admin sees it in the alert list as sent, with its attempt and
 * the Block Kit message rendered as the receiver got it (customer text as text); its button opens
 * the inbox with the alert's filter; the rule editor saves a webhook it never shows again, and the
 * test button reaches the receiver. The screenshot of the spike message goes to test-artifacts/
 * (git-ignored); with SCREENSHOTS=docs it replaces docs/screenshots/alert-spike.png (so a test run
 * never changes a tracked file by itself).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { blockKitProblems } from '../../src/alerts/slack/block-kit-check';
import { ADMIN } from '../auth/client';
import { insertHistory, insertSource, insertStorm, minutes } from '../alerts/fixtures';
import { AlertsWorld, startAlertsWorld } from '../alerts/harness';
import { SlackReceiver, until } from '../alerts/slack-receiver';
import { launchChromium, newPage, requireChromium, signIn } from './harness';

const SHOTS = join(
  __dirname,
  process.env.SCREENSHOTS === 'docs' ? '../../docs/screenshots' : '../../test-artifacts',
);
// rendered as HTML it would load /x and set window.__xss
const XSS = '<img src=x onerror="window.__xss=1"> интернет не работает';

jest.setTimeout(120_000);

describe('alerts in the web app (a real browser)', () => {
  if (!requireChromium()) return;

  let w: AlertsWorld;
  let slack: SlackReceiver;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let sourceId: string;
  const problems: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    slack = await SlackReceiver.start();
    await Promise.all([
      startAlertsWorld({ SLACK_WEBHOOK_URL: slack.url('oncall') }).then((x) => (w = x)),
      launchChromium().then((b) => (browser = b)),
    ]);
    const now = Date.now();
    sourceId = await insertSource(w.pg, 'ДомНет ВКонтакте', 'vk', new Date(now - minutes(29 * 1440)));
    await insertHistory(w.pg, sourceId, new Date(now - minutes(28 * 1440)), new Date(now - minutes(40)));
    await insertStorm(w.pg, sourceId, 30, new Date(now - minutes(30)), new Date(now - minutes(1)));
    await w.pg.query(
      `UPDATE items SET text = $2 WHERE source_id = $1 AND external_id = (
         SELECT external_id FROM items WHERE source_id = $1 AND sentiment_label = 'negative'
          ORDER BY sentiment_score, created_at_platform DESC LIMIT 1)`,
      [sourceId, XSS],
    );
    await w.pg.query(`UPDATE alert_rules SET enabled = true WHERE kind = 'negative_spike'`);
    await w.evaluate(new Date(), ['negative_spike']);
    await until(async () => {
      const list = (await w.admin.get('/api/alerts?kind=negative_spike')).body.alerts;
      return list[0]?.state === 'sent';
    }, 'the spike sent');
    ({ page, context } = await newPage(browser, problems));
    await signIn(page, w.app.url, ADMIN.email, ADMIN.password);
  }, 120_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close();
    await w?.close();
    await slack?.stop();
  });

  afterEach(() => {
    expect(problems.splice(0)).toEqual([]);
  });

  it('lists the spike as sent and renders its message as the receiver got it', async () => {
    expect(slack.accepted('oncall')).toHaveLength(1);
    const got = slack.accepted('oncall')[0].body;
    expect(blockKitProblems(got)).toEqual([]);

    await page.getByRole('link', { name: 'Оповещения' }).click();
    const row = page.locator('.alert-row[data-kind="negative_spike"]');
    await row.first().waitFor();
    await expect(row.first().locator('.alert-state').innerText()).resolves.toBe('доставлено');
    await expect(row.first().innerText()).resolves.toContain('1 попытка');
    await row.first().click();

    const msg = page.getByRole('article', { name: /^Сообщение Slack: Всплеск негатива/ });
    await msg.waitFor();
    // the header and every sample, as sent
    const header = got.blocks.find((b: any) => b.type === 'header').text.text;
    await expect(msg.locator('.slack-header').innerText()).resolves.toBe(header);
    await msg.getByText(`«${XSS}»`).waitFor();
    expect(await page.evaluate(() => (globalThis as any).__xss)).toBeUndefined();
    expect(await msg.locator('img').count()).toBe(0);
    await expect(msg.locator('.slack-fields strong').first().innerText()).resolves.toMatch(/^Негатив/);
    await expect(page.locator('.deliveries tbody tr').first().getAttribute('data-outcome')).resolves.toBe(
      'sent',
    );
    await page.screenshot({ path: join(SHOTS, 'alert-spike.png'), fullPage: true });

    // Slack's button: the inbox, filtered as the alert says
    const asked = page.waitForRequest((r) => /\/api\/conversations\?.*sentiment=negative/.test(r.url()));
    await msg.getByRole('link', { name: 'Открыть в Отклике' }).click();
    await page.waitForURL(/\/inbox\?/);
    const params = new URL(page.url()).searchParams;
    expect(params.get('sentiment')).toBe('negative');
    expect(params.get('sourceId')).toBe(sourceId);
    expect(params.get('status')).toBe('all');
    expect(params.get('alert')).toBeTruthy();
    // the inbox applies it: the bar says so, the queue asked the API for it
    const bar = page.getByRole('status').filter({ hasText: 'Отфильтровано по ссылке' });
    await expect(bar.innerText()).resolves.toMatch(/негатив[\s\S]*один источник[\s\S]*все статусы/);
    const q = new URL((await asked).url()).searchParams;
    expect([q.get('status'), q.get('sourceId'), q.get('from')]).toEqual([
      'all',
      sourceId,
      params.get('from'),
    ]);
    await bar.getByRole('button', { name: 'Сбросить фильтр' }).click();
    await page.waitForURL((u) => !u.search.includes('sentiment'));
  });

  it('the rule editor saves a write-only webhook and the test message reaches the receiver', async () => {
    await page.goto(`${w.app.url}/alerts/rules`);
    await page.getByRole('button', { name: 'Изменить: Всплески негатива' }).click();
    const form = page.getByRole('form', { name: 'Всплески негатива' });
    await form.getByLabel('Вебхук канала Slack').fill(slack.url('rule'));
    await form.getByRole('button', { name: 'Отправить тестовое сообщение' }).click();
    await form.getByRole('status').getByText('Тестовое сообщение доставлено').waitFor();
    expect(slack.accepted('rule')).toHaveLength(1);
    expect(blockKitProblems(slack.accepted('rule')[0].body)).toEqual([]);

    await form.getByLabel('Чувствительность').selectOption('high');
    await form.getByRole('button', { name: 'Сохранить' }).click();
    await form.waitFor({ state: 'detached' });
    const row = page.locator('.rules-table tr', { hasText: 'Всплески негатива' });
    await expect(row.innerText()).resolves.toContain('задан');
    const [rule] = (await w.admin.get('/api/alert-rules')).body.filter(
      (r: any) => r.kind === 'negative_spike',
    );
    expect(rule.webhook).toEqual({ configured: true, usesDefault: false });
    expect(rule.params.sensitivity).toBe('high');
    // the address never comes back: not in the page, not in the form when opened again
    await page.getByRole('button', { name: 'Изменить: Всплески негатива' }).click();
    await expect(page.getByLabel('Вебхук канала Slack').inputValue()).resolves.toBe('');
    expect(await page.content()).not.toContain('s3cr3t-rule');
  });
});
