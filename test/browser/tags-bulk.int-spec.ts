/**
 * Tags, bulk actions, the `/` template picker and the post context in a real browser on the real
 * app (strict CSP: a violation is a console error and fails the test): select two queue rows and
 * tag them in one bulk call, the tag's colour shows on the rows; a comment shows the channel post
 * it answers with a link to the original; typing `/` in the reply box finds a template by its
 * text and Enter puts its body in place of the shortcut.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ADMIN, login, seedConversation, withDb } from '../inbox/support';
import { startTestApp, TestApp } from '../support/app';
import { launchChromium, newPage, requireChromium, signIn } from './harness';

describe('tags, bulk actions, templates and post context in the browser', () => {
  if (!requireChromium()) return;

  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  let ids: string[] = [];

  beforeAll(async () => {
    await Promise.all([startTestApp().then((a) => (t = a)), launchChromium().then((b) => (browser = b))]);
    const admin = await login(t, ADMIN.email, ADMIN.password);
    await admin.json('POST', '/api/tags', { name: 'Спам', color: '#d9480f' }, 201);
    await admin.json(
      'POST',
      '/api/templates',
      { name: 'Сроки доставки', shortcut: 'srok', body: 'Доставка занимает 3–5 дней.' },
      201,
    );
    ids = await withDb(t, async (c) => {
      const a = await seedConversation(c, { platform: 'telegram', text: 'Купите крипту!!!', intent: 'spam' });
      const b = await seedConversation(c, {
        platform: 'telegram',
        sourceId: a.sourceId,
        text: 'Заработок без вложений',
      });
      const post = await seedConversation(c, {
        platform: 'telegram',
        sourceId: a.sourceId,
        text: 'Когда привезут заказ?',
      });
      await c.query(
        `INSERT INTO items (source_id, platform, kind, external_id, thread_external_id, direction, author_external_id,
           text, created_at_platform, raw)
         VALUES ($1, 'telegram', 'channel_post', '-100500:7', '-100500:7', 'outbound', '-100500',
           'Открыли пункт выдачи на Ленина, 5', now() - interval '1 day', '{"chat": {"username": "acme_news"}}')`,
        [a.sourceId],
      );
      await c.query(
        `UPDATE items SET kind = 'comment', external_id = '-100600:9', thread_external_id = '-100500:7'
          WHERE conversation_id = $1`,
        [post.conversationId],
      );
      return [a.conversationId, b.conversationId, post.conversationId];
    });
    ({ page, context } = await newPage(browser, problems));
    await signIn(page, t.url, ADMIN.email, ADMIN.password);
  }, 90_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await t?.stop();
  });

  afterEach(() => expect(problems.splice(0)).toEqual([]));

  it('selects two rows and tags them in one bulk call; the colour shows on the rows', async () => {
    await page.goto(`${t.url}/inbox`);
    const row = (id: string) => page.locator(`.queue-row[data-id="${id}"]`);
    await row(ids[0]!).getByRole('checkbox', { name: 'Выбрать обращение' }).check();
    await row(ids[1]!).getByRole('checkbox', { name: 'Выбрать обращение' }).check();
    const bar = page.getByRole('toolbar', { name: 'Выбрано 2 обращения' });
    const bulk = page.waitForResponse((r) => r.url().endsWith('/api/conversations/bulk'));
    await bar.getByRole('combobox', { name: 'Поставить тег…' }).selectOption({ label: 'Спам' });
    expect((await bulk).status()).toBe(200);
    await page.getByText('Готово: 2 обращения').waitFor();
    for (const id of ids.slice(0, 2)) await row(id).locator('.tag-chip[data-tag="Спам"]').waitFor();
    expect(await row(ids[0]!).locator('.tag-chip circle').getAttribute('fill')).toBe('#d9480f');
    expect(await row(ids[2]!).locator('.tag-chip').count()).toBe(0);
    await page.getByRole('toolbar').waitFor({ state: 'detached' });
  });

  it('shows the post a comment answers, and / in the reply box inserts a template found by its text', async () => {
    await page.goto(`${t.url}/inbox/${ids[2]}`);
    const post = page.getByRole('article', { name: 'Пост, к которому комментарий' });
    await post.getByText('Открыли пункт выдачи на Ленина, 5').waitFor();
    expect(await post.getByRole('link', { name: 'Открыть оригинал' }).getAttribute('href')).toBe(
      'https://t.me/acme_news/7',
    );
    const box = page.getByRole('textbox', { name: 'Ответ клиенту' });
    await box.fill('');
    await box.pressSequentially('Здравствуйте! /дней');
    const picker = page.getByRole('listbox', { name: 'Вставить шаблон…' });
    await picker.getByRole('option', { name: /Сроки доставки/ }).waitFor();
    await box.press('Enter');
    expect(await box.inputValue()).toBe('Здравствуйте! Доставка занимает 3–5 дней.');
    await picker.waitFor({ state: 'detached' });
  });
});
