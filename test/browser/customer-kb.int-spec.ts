/**
 * Issue 12.4 and 12.5 in a real browser: the customer panel beside a conversation suggests the
 * same person on another platform (same phone number), an agent links them and unlinks them again;
 * the knowledge-base suggestions beside the reply box put a link to the right article into the
 * reply with one click, and the use is counted. Any console error or page error fails it (a CSP
 * violation is one).
 */
import type { Browser, Page } from 'playwright-core';
import { contactClues } from '../../src/customers/identity';
import { KB_ARTICLES, kbArticleUrl } from '../../src/kb/demo-articles';
import { KbRepository } from '../../src/kb/kb.repository';
import { ADMIN, login, userSession, withDb } from '../inbox/support';
import { startTestApp, TestApp } from '../support/app';
import { launchChromium, newPage, requireChromium, signIn } from './harness';

jest.setTimeout(120_000);

describe('customer 360° and knowledge-base insert (a real browser)', () => {
  if (!requireChromium()) return;

  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let conversationId: string;
  let tgContact: string;
  const problems: string[] = [];
  const sql = <T = any>(text: string, params: unknown[] = []) =>
    withDb(t, async (c) => (await c.query(text, params)).rows as T[]);

  beforeAll(async () => {
    await Promise.all([startTestApp().then((a) => (t = a)), launchChromium().then((b) => (browser = b))]);
    await t.app
      .get(KbRepository)
      .seedIfEmpty(KB_ARTICLES.map(({ slug, ...a }) => ({ ...a, url: kbArticleUrl(slug) })));
    // Ирина on VK asks about her Wi-Fi password; a Telegram contact wrote the same phone number.
    // The Telegram customer is older, so linking makes it the survivor: the open conversation's
    // customer changes under the panel.
    const [row] = await sql(
      `WITH s AS (INSERT INTO sources (platform, name, settings) VALUES ('vk', 'ДомНет ВКонтакте', '{}'),
                    ('telegram', 'ДомНет бот', '{}') RETURNING id, platform),
            cu AS (INSERT INTO customers (display_name, created_at) VALUES ('Ирина Соколова', now()), ('irina_tg', now() - interval '1 day') RETURNING id, display_name),
            ct AS (INSERT INTO contacts (platform, external_id, customer_id, display_name)
                   SELECT CASE WHEN cu.display_name = 'irina_tg' THEN 'telegram' ELSE 'vk' END, cu.display_name, cu.id, cu.display_name
                     FROM cu RETURNING id, platform, customer_id),
            cv AS (INSERT INTO conversations (source_id, platform, thread_key, contact_id, customer_id, status,
                     needs_response, first_message_at, last_message_at, last_customer_message_at, sla_started_at, due_at)
                   SELECT s.id, s.platform, 'dm:' || ct.id, ct.id, ct.customer_id, 'open', true,
                          now() - interval '5 minutes', now() - interval '5 minutes', now() - interval '5 minutes',
                          now() - interval '5 minutes', now() + interval '1 hour'
                     FROM ct JOIN s ON s.platform = ct.platform RETURNING id, source_id, platform, contact_id)
       SELECT (SELECT id FROM cv WHERE platform = 'vk') AS vk_conv, (SELECT contact_id FROM cv WHERE platform = 'telegram') AS tg_contact,
              (SELECT json_agg(cv) FROM cv) AS convs`,
    );
    conversationId = row.vk_conv;
    tgContact = row.tg_contact;
    for (const c of row.convs) {
      const text =
        c.platform === 'vk'
          ? 'Здравствуйте! Забыла пароль от вайфая, как его поменять? Мой номер +7 916 123-45-67'
          : 'это Ирина, телефон 8 916 123 45 67';
      await sql(
        `INSERT INTO items (source_id, platform, kind, external_id, conversation_id, contact_id, direction, author_name,
           text, created_at_platform, sentiment_label, needs_response)
         VALUES ($1, $2, 'message', $3, $4, $5, 'inbound', 'Ирина', $6, now() - interval '5 minutes', 'neutral', true)`,
        [c.source_id, c.platform, `m-${c.id}`, c.id, c.contact_id, text],
      );
      // the phone number as ingest stores it for the same-person suggestion
      await sql(
        `INSERT INTO contact_clues (clue, contact_id, last_seen_at) SELECT unnest($1::text[]), $2, now()`,
        [contactClues(text), c.contact_id],
      );
    }
    const admin = await login(t, ADMIN.email, ADMIN.password);
    const agent = await userSession(t, admin, 'agent', 'Анна');
    ({ page } = await newPage(browser, problems));
    page.on('dialog', (d) => void d.accept());
    await signIn(page, t.url, agent.user.email, 'correct-horse-battery');
    await page.goto(`${t.url}/inbox/${conversationId}`);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  afterEach(() => expect(problems.splice(0)).toEqual([]));

  it('links the suggested same person and unlinks them again', async () => {
    const panel = page.getByRole('region', { name: 'Клиент' });
    const suggestion = panel.locator('.customer-suggestions li', { hasText: 'irina_tg' });
    await suggestion.getByText('тот же телефон 9161234567').waitFor();
    await suggestion.getByRole('button', { name: 'Это он — связать' }).click();

    const contacts = panel.locator('.customer-contacts li');
    await contacts.filter({ hasText: 'irina_tg' }).waitFor();
    expect(await contacts.count()).toBe(2);
    const [linked] = await sql(`SELECT customer_id FROM contacts WHERE id = $1`, [tgContact]);
    const [mine] = await sql(`SELECT customer_id FROM conversations WHERE id = $1`, [conversationId]);
    expect(linked.customer_id).toBe(mine.customer_id);
    expect(await sql(`SELECT 1 FROM audit_log WHERE action = 'contacts.link'`)).toHaveLength(1);

    await contacts.filter({ hasText: 'irina_tg' }).getByRole('button', { name: 'Отвязать' }).click();
    await contacts.filter({ hasText: 'irina_tg' }).waitFor({ state: 'detached' });
    expect(await contacts.count()).toBe(1);
    const [split] = await sql(`SELECT customer_id FROM contacts WHERE id = $1`, [tgContact]);
    expect(split.customer_id).not.toBe(mine.customer_id);
    expect(await sql(`SELECT 1 FROM audit_log WHERE action = 'contacts.unlink'`)).toHaveLength(1);

    // a note about the person, kept with the customer
    await panel
      .getByLabel('Что важно знать о клиенте (видят только сотрудники)')
      .fill('Удобно звонить после 19:00');
    await panel.getByRole('button', { name: 'Добавить заметку' }).click();
    await panel.locator('.customer-notes').getByText('Удобно звонить после 19:00').waitFor();
  });

  it('inserts a link to the suggested knowledge-base article into the reply, counted', async () => {
    const kb = page.locator('.kb-suggestions');
    const top = kb.locator('.kb-suggestion').first();
    await top.getByText('Как сменить пароль и имя сети Wi-Fi').waitFor();
    await top.getByRole('button', { name: 'Вставить ссылку' }).click();
    const reply = page.locator('#compose-text');
    for (let i = 0; i < 50 && !(await reply.inputValue()); i++) await new Promise((r) => setTimeout(r, 100));
    expect(await reply.inputValue()).toBe(
      `Как сменить пароль и имя сети Wi-Fi: ${kbArticleUrl('wifi-password')}`,
    );
    const uses = async () =>
      (await sql(
        `SELECT u.kind, a.title FROM kb_article_uses u JOIN kb_articles a ON a.id = u.article_id`,
      )) as any[];
    for (let i = 0; i < 50 && (await uses()).length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await uses()).toEqual([{ kind: 'link', title: 'Как сменить пароль и имя сети Wi-Fi' }]);
  });
});
