/**
 * Issues 15 and 16 in a real browser, on the app in demo mode: a fresh start shows VK, Telegram
 * and YouTube in the inbox; an admin connects a YouTube channel through the form against the
 * demo's YouTube emulator, and a comment on it arrives in the inbox linked to its original on
 * YouTube; the badges of an item say why on hover and on keyboard focus (the badge's
 * aria-describedby); the review queue takes one key per item and moves on, and the review is
 * recorded as decided. Any console or page error fails it (a CSP violation is one).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Client } from 'pg';
import { DemoService } from '../../src/demo/demo.service';
import { SyncService } from '../../src/sources/sync.service';
import { ADMIN } from '../inbox/support';
import { startTestApp, TestApp } from '../support/app';
import { launchChromium, newPage, requireChromium, signIn } from './harness';

jest.setTimeout(120_000);

describe('YouTube, why and review in the web app (a real browser, demo mode)', () => {
  if (!requireChromium()) return;

  let t: TestApp;
  let browser: Browser;
  let pg: Client;
  let page: Page;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    await Promise.all([
      startTestApp({ DEMO: 'true' }).then((app) => (t = app)),
      launchChromium().then((b) => (browser = b)),
    ]);
    pg = new Client({ connectionString: t.db.url });
    await pg.connect();
    const opened = await newPage(browser, problems);
    contexts.push(opened.context);
    page = opened.page;
    await signIn(page, t.url, ADMIN.email, ADMIN.password);
  }, 90_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await pg?.end();
    await t?.stop();
  });

  afterEach(() => {
    expect(problems.splice(0)).toEqual([]);
  });

  it('a fresh demo shows all three platforms; a YouTube channel connected through the form brings a comment with its link', async () => {
    for (const p of ['vk', 'telegram', 'youtube'])
      await page.locator(`.queue-row:has(.platform-${p})`).first().waitFor({ timeout: 30_000 });

    const yt = t.app.get(DemoService).emulators().youtube!;
    const channel = yt.control.channel({ title: 'Новый канал' });
    yt.control.client({ clientId: 'e2e.apps.googleusercontent.com', clientSecret: 'GOCSPX-e2e' });
    const refreshToken = yt.control.grant({
      clientId: 'e2e.apps.googleusercontent.com',
      channelId: channel.id,
    });

    await page.getByRole('link', { name: 'Настройки' }).click();
    await page.getByRole('link', { name: /Канал YouTube/ }).click();
    await page.getByText(/youtube\.force-ssl/).waitFor();
    await page.getByLabel('Название').fill('Новый канал на YouTube');
    await page.getByLabel('ID канала').fill(channel.id);
    await page.getByLabel('ID OAuth-клиента').fill('e2e.apps.googleusercontent.com');
    await page.getByLabel('Секрет OAuth-клиента').fill('GOCSPX-e2e');
    await page.getByLabel('Refresh token владельца канала').fill(refreshToken);
    await page.getByText('Для тестовой среды').click();
    await page.getByLabel('Адрес API (эмулятор)').fill(yt.apiBaseUrl);
    await page.getByLabel('Адрес выдачи токенов (эмулятор)').fill(yt.tokenUrl);
    await page.getByRole('button', { name: 'Подключить' }).click();
    const card = page.locator('.source-card', { hasText: 'Новый канал на YouTube' });
    await card.waitFor();
    expect(await card.getAttribute('data-status')).toBe('healthy');
    await card.getByText(/Квота YouTube сегодня: израсходовано \d+ из 10\s000/).waitFor();
    const sourceId = (await card.getAttribute('data-source'))!;
    // the refresh token went in and never comes back
    expect(await page.content()).not.toContain(refreshToken);

    const video = yt.control.video({ channelId: channel.id, title: 'Обзор тарифа' });
    const text = `Сколько стоит подключение? #yt${Date.now()}`;
    const comment = yt.control.comment({
      channelId: channel.id,
      videoId: video.id,
      author: { name: 'marina' },
      text,
    });
    await t.app.get(SyncService).syncSource(sourceId); // the next poll, without waiting for its turn
    await page.getByRole('link', { name: 'Входящие' }).click();
    const row = page.locator('.queue-row', { hasText: text });
    await row.waitFor({ timeout: 15_000 });
    await row.click();
    const link = page.locator('.timeline article.msg-in', { hasText: text }).getByRole('link', {
      name: 'Открыть в YouTube',
    });
    expect(await link.getAttribute('href')).toBe(
      `https://www.youtube.com/watch?v=${video.id}&lc=${comment.id}`,
    );
    expect(await link.getAttribute('target')).toBe('_blank');
  });

  it('the badges say why on hover and keyboard focus; the review queue takes one key per item', async () => {
    // the conversation open from the first test: its item's sentiment badge explains itself
    const item = page.locator('.timeline article.msg-in').first();
    const badge = item.locator('.why-badge[class*="sentiment-"]');
    await badge.hover();
    const tip = item.locator('.why-tip:visible');
    await tip.waitFor();
    expect(await tip.textContent()).toMatch(/^Почему тональность «[^»]+»: \S/);
    await page.mouse.move(0, 0);
    await tip.waitFor({ state: 'hidden' });
    const intentBadge = item.locator('.why-badge[class*="intent-"]');
    await intentBadge.focus();
    const described = await intentBadge.evaluate(
      (el: any) =>
        (globalThis as any).document.getElementById(el.getAttribute('aria-describedby'))?.textContent,
    );
    expect(described).toMatch(/^Почему намерение «[^»]+»: \S/);
    expect(await item.locator('.why-tip:visible').textContent()).toBe(described);
    await page.keyboard.press('Escape');
    await item.locator('.why-tip:visible').waitFor({ state: 'detached' });

    // two items flagged for review (as analysis flags them), nothing else waiting
    await pg.query(`UPDATE items SET review_reason = NULL WHERE review_reason IS NOT NULL`);
    const { rows: flagged } = await pg.query(
      `UPDATE items SET review_reason = 'low_intent_confidence', reviewed_at = NULL
        WHERE id IN (SELECT id FROM items WHERE direction = 'inbound' AND intent IS NOT NULL
                      ORDER BY received_at DESC LIMIT 2)
        RETURNING id::text, intent`,
    );
    expect(flagged).toHaveLength(2);
    const labels = (await (await page.request.get(`${t.url}/api/analysis/labels`)).json()) as {
      intents: string[];
    };

    await page.getByRole('link', { name: 'Проверка' }).click();
    await page.getByText('ждут 2 сообщения').waitFor();
    const current = page.locator('.review-item');
    const first = (await current.getAttribute('data-item'))!;
    await page.keyboard.press('Enter'); // right
    await page.locator(`.review-item:not([data-item="${first}"])`).waitFor();
    const second = (await current.getAttribute('data-item'))!;
    await page.keyboard.press('2'); // the second intent the server lists
    await page.getByText('Всё проверено').waitFor();

    const reviewed = async () =>
      (
        await pg.query(
          `SELECT item_id::text AS id, outcome, intent FROM analysis_reviews WHERE item_id = ANY($1::bigint[])`,
          [[first, second]],
        )
      ).rows;
    for (let i = 0; i < 50 && (await reviewed()).length < 2; i++)
      await new Promise((r) => setTimeout(r, 100));
    const byId = Object.fromEntries((await reviewed()).map((r) => [r.id, r]));
    const model = Object.fromEntries(flagged.map((f) => [f.id, f.intent]));
    expect(byId[first]).toMatchObject({ outcome: 'confirmed', intent: model[first] });
    expect(byId[second]).toMatchObject({
      outcome: labels.intents[1] === model[second] ? 'confirmed' : 'corrected',
      intent: labels.intents[1],
    });
    // the weekly report counts them
    const week = page.locator('.review-weeks tbody tr').last();
    await page.reload();
    await week.waitFor();
    expect(Number(await week.locator('td').nth(1).textContent())).toBeGreaterThanOrEqual(2);
  });
});
